#!/usr/bin/env node
import { createRequire as __isolintRequire } from 'node:module'; const require = __isolintRequire(import.meta.url);
var RULES_DOC_URI="https://github.com/isolint/isolint/blob/main/docs/rules.md";function encodeUriPath(path){return path.split("/").map(seg=>encodeURIComponent(seg)).join("/")}function fence(text,lang){let longest=Math.max(2,...[...text.matchAll(/`+/g)].map(m=>m[0].length)),ticks="`".repeat(longest+1);return`${ticks}${lang}
${text.trimEnd()}
${ticks}`}export{RULES_DOC_URI,encodeUriPath,fence};
