#!/usr/bin/env node
import { createRequire as __isolintRequire } from 'node:module'; const require = __isolintRequire(import.meta.url);
import{cmp}from"./chunk-FDKCSTCN.js";import"./chunk-DK4BLHCS.js";function xmlSafe(s){return s.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu,"")}function xmlText(s){return xmlSafe(s).replace(/&/g,"&amp;").replace(/</g,"&lt;").replace(/>/g,"&gt;")}function xmlAttr(s){return xmlText(s).replace(/"/g,"&quot;").replace(/'/g,"&apos;").replace(/\t/g,"&#9;").replace(/\n/g,"&#10;").replace(/\r/g,"&#13;")}function failure(f){let body=[`${f.file}:${f.line}:${f.column}`,`severity: ${f.severity}`,`principle: ${f.principle}`,`rule: ${f.ruleId}`,`fix: ${f.fix}`].join(`
`);return`      <failure type="${xmlAttr(f.ruleId)}" message="${xmlAttr(f.message)}">${xmlText(body)}</failure>
`}var junitReporter=result=>{let byFile=new Map;for(let file of result.files)byFile.set(file,[]);for(let f of result.findings){if(f.suppressed)continue;let list=byFile.get(f.file);list?list.push(f):byFile.set(f.file,[f])}let files=[...byFile.keys()].sort(cmp),failures=[...byFile.values()].reduce((n,l)=>n+l.length,0),failed=[...byFile.values()].filter(l=>l.length>0).length,out=`<?xml version="1.0" encoding="UTF-8"?>
`;out+=`<testsuites name="isolint" tests="${files.length}" failures="${failed}" errors="0" time="0">
`,out+=`  <testsuite name="isolint" tests="${files.length}" failures="${failed}" errors="0" skipped="0" time="0">
`,out+=`    <properties>
      <property name="findings" value="${failures}"/>
      <property name="suppressed" value="${result.summary.suppressed}"/>
    </properties>
`;for(let file of files){let list=byFile.get(file),open=`    <testcase classname="isolint" name="${xmlAttr(file)}" file="${xmlAttr(file)}" time="0"`;list.length===0?out+=`${open}/>
`:out+=`${open}>
${list.map(failure).join("")}    </testcase>
`}return out+=`  </testsuite>
</testsuites>
`,out};export{junitReporter,xmlAttr,xmlSafe,xmlText};
