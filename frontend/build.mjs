// Compiles the themed DKFDS stylesheet and copies exactly the files it references (fonts, icons)
// plus DKFDS's JavaScript into ../static/vendor/dkfds. Run through `make vendor-dkfds`.
import { compile } from "sass";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const here = dirname(new URL(import.meta.url).pathname);
const dist = join(here, "node_modules", "dkfds", "dist");
const out = resolve(here, "..", "static", "vendor", "dkfds");
const version = JSON.parse(readFileSync(join(here, "node_modules", "dkfds", "package.json"))).version;

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "css"), { recursive: true });
mkdirSync(join(out, "js"), { recursive: true });

const result = compile(join(here, "skoletjenesten.scss"), {
    loadPaths: [join(here, "node_modules")],
    style: "compressed",
    quietDeps: true,
    silenceDeprecations: ["import", "global-builtin", "color-functions"],
});
const banner = `/* DKFDS ${version} (https://designsystem.dk, MIT; IBM Plex Sans: OFL-1.1), themed to Skoletjenesten. Built by make vendor-dkfds. */\n`;
// Sass starts compressed output with a byte-order mark when it holds non-ASCII text; an @charset rule says the same
// and keeps the first selector valid after the banner.
const css = result.css.replace(/^\uFEFF/, "").replace(/^@charset "UTF-8";/, "");
writeFileSync(join(out, "css", "dkfds-skoletjenesten.css"), '@charset "UTF-8";\n' + banner + css + "\n");

const referenced = new Set();
for (const match of result.css.matchAll(/url\(["']?\.\.\/([^"')?#]+)/g)) {
    referenced.add(match[1]);
}
for (const path of referenced) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    cpSync(join(dist, path), join(out, path));
}
// Without its source map (not shipped): the manifest storage of collectstatic would fail on the reference.
writeFileSync(
  join(out, "js", "dkfds.min.js"),
  readFileSync(join(dist, "js", "dkfds.min.js"), "utf8").replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, "\n"),
);
cpSync(join(dist, "img", "all-svg-icons.svg"), join(out, "img", "all-svg-icons.svg"));
cpSync(join(dist, "fonts", "IBMPlexSans", "complete", "woff2", "license.txt"), join(out, "fonts", "IBMPlexSans", "OFL.txt"));
cpSync(join(dist, "LICENSE.md"), join(out, "LICENSE.md"));
writeFileSync(join(out, "VERSION"), `dkfds ${version}\n`);
console.log(`dkfds ${version}: css + ${referenced.size} referenced files → ${out}`);
