#!/usr/bin/env node
import { createRequire as __isolintRequire } from 'node:module'; const require = __isolintRequire(import.meta.url);
function reportText(report){return typeof report=="string"?report:[...report].join("")}function summarize(findings,files){let s={files,errors:0,warnings:0,infos:0,suppressed:0};for(let f of findings)f.suppressed?s.suppressed++:f.severity==="error"?s.errors++:f.severity==="warning"?s.warnings++:s.infos++;return s}export{reportText,summarize};
