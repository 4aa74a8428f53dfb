#!/usr/bin/env node
import { createRequire as __isolintRequire } from 'node:module'; const require = __isolintRequire(import.meta.url);
import{COMMANDS,loadReporter}from"./chunk-YJBL2HZL.js";import{virtual_package_version_default}from"./chunk-JU26L76W.js";import{colorEnabled,paint}from"./chunk-ZNA475LP.js";import{BaselineError}from"./chunk-DC7QHFMQ.js";import{audit,exitCodeFor,loadConfig,phaseDone}from"./chunk-PEHQ3GJQ.js";import"./chunk-AV4TSS2A.js";import"./chunk-FDKCSTCN.js";import"./chunk-DY6R7Z3M.js";import{parseOnlyRules}from"./chunk-ZIMZLQNH.js";import"./chunk-RNHU36PQ.js";import{ConfigError}from"./chunk-JXLWVVBA.js";import{PathError}from"./chunk-3ZIESPNA.js";import"./chunk-A3OMWMEE.js";import{nearest}from"./chunk-GNFAD5WK.js";import"./chunk-DK4BLHCS.js";import{closeSync,existsSync,openSync,readFileSync,writeSync}from"node:fs";import{resolve}from"node:path";var KIND_LETTER={dockerfile:"D",compose:"C",vm:"V"};function rulesJson(rules){let list=rules.ids().map(id=>{let m=rules.get(id).meta;return{id:m.id,severity:m.severity,principle:m.principle,kinds:m.kinds,title:m.title,fix:oneLine(m.fix),references:m.references??[],declarative:m.match!==void 0,...m.source?{source:m.source}:{}}});return JSON.stringify(list,null,2)+`
`}function rulesTable(rules,color){let p=paint(color),metas=rules.ids().map(id=>rules.get(id).meta),w=Math.max(...metas.map(m=>m.id.length)),lines=[p.bold(`${"id".padEnd(w)}  severity  kinds  principle`)];for(let m of metas){let kinds=m.kinds.map(k=>KIND_LETTER[k]).join("");lines.push(`${m.id.padEnd(w)}  ${m.severity.padEnd(8)}  ${kinds.padEnd(5)}  ${m.principle}${m.source?p.dim(`  (policy: ${m.source})`):""}`)}return lines.push("",p.dim(`${metas.length} rules. Kinds: D = Dockerfile, C = Compose, V = VM spec. \`isolint explain <id>\` tells more.`)),lines.join(`
`)+`
`}function explainRule(m,color){let p=paint(color),out=[];return out.push(p.bold(`${m.id}: ${m.title}`)),out.push(p.dim(`severity ${m.severity} \xB7 principle ${m.principle} \xB7 kinds ${m.kinds.join(", ")}${m.source?` \xB7 policy ${m.source}`:""}`)),out.push("",p.bold("Why"),wrap(m.why),"",p.bold("What triggers it"),wrap(m.triggers),"",p.bold("How to fix"),wrap(m.fix)),(m.example?.bad||m.example?.good)&&(out.push("",p.bold("Example")),m.example.bad&&out.push(p.red("  \u2717 flagged:"),indent(m.example.bad)),m.example.good&&out.push(p.green("  \u2713 fine:"),indent(m.example.good))),m.references?.length&&out.push("",p.bold("References"),...m.references.map(r=>`  - ${r}`)),out.join(`
`)+`
`}function oneLine(s){return s.replace(/\s+/g," ").trim()}function indent(s){return s.replace(/\n$/,"").split(`
`).map(l=>`      ${l}`).join(`
`)}function wrap(text,width=92){let words=oneLine(text).split(" "),lines=[],cur="  ";for(let w of words)cur.length+w.length+1>width&&cur.trim()&&(lines.push(cur.trimEnd()),cur="  "),cur+=(cur.trim()?" ":"")+w;return cur.trim()&&lines.push(cur.trimEnd()),lines.join(`
`)}var STARTER_CONFIG=`# isolint configuration \u2014 https://github.com/isolint/isolint#configuration
# Validated against schemas/config.schema.json; an invalid config stops isolint with exit 2.

# Exit 1 when a finding is at or above this level: error | warning | info | never.
failOn: error

# Paths not to lint (micromatch globs, relative to this file). .git, node_modules and
# .gitignore'd paths are always skipped.
ignore:
  - "vendor/**"
  - "**/testdata/**"

# Rule severities: off | info | warning | error, or [severity, { options }].
# \`isolint rules\` lists every rule; \`isolint explain <rule>\` tells why it exists.
rules:
  read-only-root-filesystem: info
  cpu-limit: info
  # Allow binding published ports to these host IPs (loopback is always fine):
  bind-published-ports: [warning, { allowInterfaces: ["127.0.0.1"] }]

# Different settings for some files; later entries win.
overrides:
  - files: ["examples/**", "**/*.dev.yaml"]
    rules:
      no-root-user: warning
      memory-limit: off

# Which tenant owns the workloads of these files, when no isolint.tenant label says so.
# Workloads of two tenants on one kernel are reported by multi-tenant-requires-vm.
tenants: {}
#  acme: ["tenants/acme/**"]
#  globex: ["tenants/globex/**"]

# Your own rules, in the same format as the built-in rules/ folder (docs/rule-language.md).
policies: []
#  - "policies/*.yaml"

# Constants of \`isolint capacity\` (see docs/capacity.md), e.g. the guest OS size of a VM.
capacity: {}
#  guestOsBytes: 700000000

# Strict CI: ignore inline "# isolint-ignore" comments.
noInlineIgnores: false

# Files larger than this are skipped with a finding.
maxFileSize: 5MiB
`;var ShowText=class{constructor(text){this.text=text}text},ArgError=class extends Error{},camel=s=>s.replace(/-([a-z])/g,(_,c)=>c.toUpperCase());function parseArgs(argv,commands,defaultCommand,program){if(argv[0]==="-v"||argv[0]==="--version")throw new ShowText(`${program.version}
`);if(argv[0]==="-h"||argv[0]==="--help"||argv[0]==="help"){let named=argv[0]==="help"?commands.find(c=>c.name===argv[1]):void 0;throw new ShowText(named?commandHelp(program.name,named):programHelp(program,commands,defaultCommand))}let rest=[...argv],cmd=commands.find(c=>c.name===rest[0]);cmd?rest=rest.slice(1):cmd=commands.find(c=>c.name===defaultCommand);let opts={},args=[];for(let o of cmd.options){let key=camel(o.long);o.default!==void 0?opts[key]=o.default:o.repeat&&(opts[key]=[])}let byLong=new Map(cmd.options.map(o=>[o.long,o])),byShort=new Map(cmd.options.filter(o=>o.short).map(o=>[o.short,o])),set=(o,value,shown)=>{let key=camel(o.long);if(typeof value=="string"&&o.choices&&!o.choices.includes(value))throw new ArgError(`option '${shown}' argument '${value}' is invalid. Allowed choices are ${o.choices.join(", ")}.`);o.repeat?opts[key].push(value):opts[key]=value};for(let i=0;i<rest.length;i++){let word=rest[i];if(word==="--"){args.push(...rest.slice(i+1));break}if(word==="-h"||word==="--help")throw new ShowText(commandHelp(program.name,cmd));if(word.startsWith("--")){let eq=word.indexOf("="),name=word.slice(2,eq<0?void 0:eq),inline=eq<0?null:word.slice(eq+1),o=byLong.get(name);if(!o&&name.startsWith("no-")){let positive=byLong.get(name.slice(3));if(positive?.negate){if(inline!==null)throw new ArgError(`option '--${name}' doesn't take a value`);opts[camel(positive.long)]=!1;continue}}if(!o)throw unknownOption(`--${name}`,cmd);if(o.value){let value=inline??rest[++i];if(value===void 0)throw new ArgError(`option '--${o.long} ${o.value}' argument missing`);set(o,value,`--${o.long} ${o.value}`)}else{if(inline!==null)throw new ArgError(`option '--${o.long}' doesn't take a value`);set(o,!0,`--${o.long}`)}continue}if(word.startsWith("-")&&word.length>1){for(let k=1;k<word.length;k++){let o=byShort.get(word[k]);if(!o)throw unknownOption(`-${word[k]}`,cmd);if(!o.value){set(o,!0,`-${o.short}`);continue}let attached=word.slice(k+1),value=attached!==""?attached:rest[++i];if(value===void 0)throw new ArgError(`option '-${o.short}, --${o.long} ${o.value}' argument missing`);set(o,value,`-${o.short}, --${o.long} ${o.value}`);break}continue}args.push(word)}let variadic=cmd.args.some(a=>a.variadic),required=cmd.args.filter(a=>a.required);if(args.length<required.length)throw new ArgError(`missing required argument '${required[args.length].name}'`);if(!variadic&&args.length>cmd.args.length)throw new ArgError(`too many arguments${cmd.name===defaultCommand?"":` for '${cmd.name}'`}. Expected ${cmd.args.length} argument${cmd.args.length===1?"":"s"} but got ${args.length}.`);return{command:cmd.name,args,opts}}function unknownOption(flag,cmd){let names=cmd.options.flatMap(o=>[`--${o.long}`,...o.negate?[`--no-${o.long}`]:[]]),near=flag.startsWith("--")?nearest(flag,names):[];return new ArgError(`unknown option '${flag}'${near.length?`
(Did you mean ${near[0]}?)`:""}`)}function optionLabel(o){return`${o.short?`-${o.short}, `:"    "}--${o.long}${o.value?` ${o.value}`:""}`}function commandHelp(program,cmd){let lines=[`Usage: ${program} ${cmd.name} [options]${cmd.args.map(a=>` ${a.required?"<":"["}${a.name}${a.variadic?"...":""}${a.required?">":"]"}`).join("")}`,"",cmd.summary,""];if(cmd.args.length){lines.push("Arguments:");for(let a of cmd.args)lines.push(`  ${a.name.padEnd(30)} ${a.help}`);lines.push("")}lines.push("Options:");let opts=[...cmd.options,{long:"help",short:"h",help:"show this help"}];for(let o of opts){let extra=[o.choices?`(choices: ${o.choices.join(", ")})`:"",o.default!==void 0?`(default: ${o.default})`:""].filter(Boolean).join(" ");lines.push(`  ${optionLabel(o).padEnd(30)} ${o.help}${extra?` ${extra}`:""}`),o.negate&&lines.push(`  ${`    --no-${o.long}`.padEnd(30)} ${negHelp(o)}`)}return lines.join(`
`)+`
`}function negHelp(o){return o.long==="config"?"ignore .isolint.yaml files":`turn --${o.long} off`}function programHelp(program,commands,defaultCommand){let lines=[`Usage: ${program.name} [command] [options] [paths...]`,"",program.summary,"","Commands:"];for(let c of commands){let sig=`${c.name}${c.args.map(a=>` ${a.required?"<":"["}${a.name}${a.variadic?"...":""}${a.required?">":"]"}`).join("")}`;lines.push(`  ${sig.padEnd(28)} ${c.summary}${c.name===defaultCommand?" (default)":""}`)}return lines.push("","Options:",`  ${"-v, --version".padEnd(28)} print the version`,`  ${"-h, --help".padEnd(28)} show help (\`${program.name} <command> --help\` for a command)`),lines.join(`
`)+`
`}var UsageError=class extends Error{},str=v=>typeof v=="string"?v:void 0,configOf=(io,opts)=>({cwd:io.cwd,explicit:str(opts.config)??null,disabled:opts.config===!1,policyFiles:opts.policy??[]});async function main(argv,io){let debug=argv.includes("--debug");try{let{command,args,opts}=parseArgs(argv,COMMANDS,"audit",{name:"isolint",version:virtual_package_version_default,summary:"Policy-as-code isolation linter for Dockerfiles, Compose files and VM specs"});switch(debug||=opts.debug===!0,command){case"audit":return await runAudit(io,args,opts,debug);case"map":return await runMap(io,args,opts);case"capacity":{let{runCapacity}=await import("./capacity-4ATE4ZBW.js"),{config}=await loadConfig(configOf(io,opts)),text=await runCapacity({cwd:io.cwd,paths:args,config,format:opts.format,color:!opts.output&&colorEnabled(io.stdoutIsTTY,io.env),sets:opts.set,hostMemory:str(opts.hostMemory),hostCpus:str(opts.hostCpus),hostDisk:str(opts.hostDisk),warn:io.stderr});return emit(io,text,str(opts.output)),0}case"rules":{let{rules}=await loadConfig(configOf(io,opts));return io.stdout(opts.format==="json"?rulesJson(rules):rulesTable(rules,colorEnabled(io.stdoutIsTTY,io.env))),0}case"explain":{let{rules}=await loadConfig(configOf(io,opts)),id=args[0],rule=rules.get(id);if(!rule){let near=nearest(id,rules.ids());throw new UsageError(`unknown rule "${id}"${near.length?` (did you mean ${near.join(", ")}?)`:""}; \`isolint rules\` lists them`)}return io.stdout(explainRule(rule.meta,colorEnabled(io.stdoutIsTTY,io.env))),0}case"init":{let out=str(opts.output),target=resolve(io.cwd,out);if(existsSync(target)&&!opts.force)throw new UsageError(`${out} already exists (use --force to overwrite)`);return writeOutput(target,STARTER_CONFIG,io.cwd),io.stdout(`wrote ${out}: every option is shown with a comment; edit and commit it.
`),0}}return 2}catch(e){return e instanceof ShowText?(io.stdout(e.text),0):e instanceof ArgError||e instanceof UsageError||e instanceof PathError||e instanceof ConfigError||e instanceof BaselineError?(io.stderr(`isolint: ${e.message}
`),2):(io.stderr(`isolint: internal error: ${e?.message??String(e)}${debug?`
${e?.stack??""}`:" (run with --debug for details)"}
`),2)}}async function runAudit(io,paths,opts,debug){if(paths.includes("-")&&!opts.kind)throw new UsageError("reading stdin (-) needs --kind dockerfile|compose|vm");phaseDone("start");let{config,rules}=await loadConfig(configOf(io,opts));phaseDone("config");let run=await audit({cwd:io.cwd,paths,config,rules,forceKind:str(opts.kind)??null,quiet:opts.quiet===!0,readStdin:io.readStdin,...io.workerScript&&io.env.ISOLINT_WORKERS!=="0"?{parallel:{workerScript:io.workerScript,config:configOf(io,opts),cwd:io.cwd}}:{}});for(let note of run.notes)io.stderr(`isolint: ${note}
`);let baseline=str(opts.baseline);if(baseline){let{applyBaseline}=await import("./baseline-IZTAFHUF.js"),{stale}=applyBaseline(run,baseline);stale>0&&io.stderr(`isolint: ${stale} baseline entr${stale===1?"y no longer matches":"ies no longer match"} (fixed or changed); refresh it with --write-baseline ${baseline}
`)}let reporter=await loadReporter(str(opts.format)??"stylish"),output=str(opts.output);emit(io,reporter(run,{color:!output&&colorEnabled(io.stdoutIsTTY,io.env),includeSuppressed:opts.sarifIncludeSuppressed===!0}),output),phaseDone("report");for(let e of run.engine.internalErrors)io.stderr(`isolint: internal error in rule ${e.ruleId} on ${e.file}: ${e.error?.message??e.error}
`),debug&&io.stderr(`${e.error?.stack??""}
`);let status=run.engine.internalErrors.length>0?2:exitCodeFor(run.findings,str(opts.failOn)??config.failOn),writeTo=str(opts.writeBaseline);if(writeTo){let{writeBaseline}=await import("./baseline-IZTAFHUF.js"),n=writeBaseline(run,writeTo);io.stderr(`isolint: wrote ${n} finding${n===1?"":"s"} to the baseline ${writeTo}
`),status===1&&(status=0)}return status}async function runMap(io,paths,opts){let{config}=await loadConfig(configOf(io,opts)),run=await audit({cwd:io.cwd,paths,config,rules:parseOnlyRules(),forceKind:null,quiet:!1});for(let f of run.findings.filter(x=>x.ruleId==="parse-error"||x.ruleId==="invalid-reference"))io.stderr(`isolint: ${f.file}:${f.line}: ${f.message} (left out of the map)
`);let{mapJson,mapMermaid,mapText}=await import("./isolation-map-NSOS3CY5.js"),kernels=run.project.kernels,output=str(opts.output),text=opts.format==="json"?JSON.stringify(mapJson(kernels),null,2)+`
`:opts.format==="mermaid"?mapMermaid(kernels):mapText(kernels,!output&&colorEnabled(io.stdoutIsTTY,io.env));return emit(io,text,output),0}function emit(io,report,output){if(output)writeOutput(output,report,io.cwd);else if(typeof report=="string")io.stdout(report);else for(let chunk of report)io.stdout(chunk)}function writeOutput(file,report,cwd){let path=file.startsWith("/")?file:`${cwd}/${file}`,fsCall=call=>{try{return call()}catch(e){throw new UsageError(`cannot write ${file}: ${e.code??e.message}`)}},fd=fsCall(()=>openSync(path,"w"));try{for(let chunk of typeof report=="string"?[report]:report)fsCall(()=>writeSync(fd,chunk))}finally{closeSync(fd)}}function processIo(){return{cwd:process.cwd(),env:process.env,stdout:s=>process.stdout.write(s),stderr:s=>process.stderr.write(s),stdoutIsTTY:!!process.stdout.isTTY,readStdin:()=>readFileSync(0)}}export{UsageError,main,processIo};
