#!/usr/bin/env python3
"""Lists `public` declarations that no other module names: candidates to make internal.

For each `public` type, func, var or let in AccessLog, Analysis, Presentation, TerminalUI and
TrafficGenerator, searches the other modules' Sources and the test files that import the module
without `@testable` for the name as a whole word. Prints `file<TAB>line<TAB>kind<TAB>name<TAB>lead`
for each name found nowhere else (`lead` = True in files the aggregation rewrite owns).

Text search, not a compiler: a common name used elsewhere keeps a declaration off the list, and a
listed type may still be needed in public because a public property's type names it (other modules
then use it without naming it). Make the candidates internal and let the build say which must stay.

Usage: scripts/public-surface.py
"""
import os
import re

root=os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
mods=['AccessLog','Analysis','Presentation','TerminalUI','TrafficGenerator']
others_src=['AccessLog','Analysis','Presentation','TerminalUI','TrafficGenerator','meshlog','meshlog-bench']
protected=[r'Sources/Analysis/Aggregation/', r'Sources/Analysis/Ingest/LiveBuckets', r'Sources/Analysis/Snapshot/Aggregator']
decl=re.compile(r'^\s*(?:@[\w]+(?:\([^)]*\))?\s+)*public\s+(?:(?:final|static|class|mutating|nonisolated|override|indirect|convenience|required|lazy|private\(set\)|fileprivate\(set\)|internal\(set\))\s+)*(struct|enum|class|protocol|actor|typealias|func|var|let|init|subscript|extension)\b\s*([A-Za-z_][A-Za-z0-9_]*)?')
def files(d):
    for dp,_,fs in os.walk(d):
        for f in fs:
            if f.endswith('.swift'): yield os.path.join(dp,f)
texts={}
for m in others_src:
    for f in files(f'{root}/Sources/{m}'): texts[f]=open(f).read()
tests={}
for f in files(f'{root}/Tests'): tests[f]=open(f).read()
def used_outside(name,m):
    pat=re.compile(r'\b'+re.escape(name)+r'\b')
    for f,t in texts.items():
        if f.startswith(f'{root}/Sources/{m}/'): continue
        if pat.search(t): return f
    for f,t in tests.items():
        if re.search(r'@testable import '+m+r'\b',t): continue
        if pat.search(t): return f
    return None
out=[]
for m in mods:
    for f in sorted(files(f'{root}/Sources/{m}')):
        rel=os.path.relpath(f,root)
        for i,line in enumerate(open(f).read().split('\n'),1):
            mm=decl.match(line)
            if not mm: continue
            kind,name=mm.group(1),mm.group(2)
            if kind in('init','subscript','extension') or not name: continue
            where=used_outside(name,m)
            if where is None:
                out.append((rel,i,kind,name,any(rel.startswith(p) for p in protected)))
for r in out: print('\t'.join(map(str,r)))
