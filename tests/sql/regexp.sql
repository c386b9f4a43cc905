-- regexp: PCRE2 through SQL.  Errors are part of the interface: verbatim.

-- The operator and regexp_like
select 'regexp-op', ('abc' regexp 'b') = 1;
select 'regexp-op-nomatch', ('abc' regexp '^b') = 0;
select 'regexp-op-lookahead', ('ab' regexp 'a(?=b)') = 1;
select 'regexp-op-null-subject', (null regexp 'a') is null;
select 'regexp-op-null-pattern', ('a' regexp null) is null;
select 'regexp-like', regexp_like('买买提·艾力', '买买提') = 1;
select 'regexp-like-0', regexp_like('张三', '买买提') = 0;
select 'regexp-like-null-x', regexp_like(null, 'a') is null;
select 'regexp-like-null-p', regexp_like('a', null) is null;
select 'regexp-like-integer', regexp_like(12345, '^\d+$') = 1;
select 'regexp-like-real', regexp_like(1.5, '^1\.5$') = 1;
select 'regexp-like-int-pattern', regexp_like('a123', 23) = 1;
select 'regexp-like-empty', regexp_like('', '^$') = 1;
select 'regexp-like-blob', regexp_like(x'e4b8ad', '^中$') = 1;
select 'regexp-like-blob-pattern', regexp_like('中文', x'e4b8ad') = 1;
select 'regexp-like-blob-pattern-bad', test_error('select regexp_like(''a'', x''ff'')') = 'regexp_like: bad pattern at offset 0: UTF-8 error: illegal byte (0xfe or 0xff)';
select 'regexp-substr-blob', regexp_substr(x'e4b8ade69687', '.$') = '文';
select 'regexp-like-cjk-class', regexp_like('张三', '^[\x{4e00}-\x{9fa5}]{2,4}$') = 1;
select 'regexp-like-cjk-class-5', regexp_like('欧阳张三丰', '^[\x{4e00}-\x{9fa5}]{2,4}$') = 0;
select 'regexp-like-cjk-class-dot', regexp_like('买买提·艾力', '^[\x{4e00}-\x{9fa5}]{2,4}$') = 0;
select 'regexp-like-han-prop', regexp_like('李四', '^\p{Han}+$') = 1;
select 'regexp-like-ucp-w', regexp_like('汉字', '^\w+$') = 1;
select 'regexp-like-ucp-d', regexp_like('１２３', '^\d+$') = 1;
select 'regexp-like-utf-dot', regexp_like('中', '^.$') = 1;
select 'regexp-like-caseless', regexp_like('ABC', '(?i)abc') = 1;
select 'regexp-like-uyghur-dot', regexp_like('买买提·艾力', '^\p{Han}+·\p{Han}+$') = 1;
select 'regexp-like-alternation', regexp_like('阿依古丽', '买买提|阿依古丽|古丽娜|艾力|热依拉') = 1;

-- Bad patterns: PCRE2's message and offset, naming the function
select 'regexp-bad-like', test_error('select regexp_like(''abc'', ''a(b'')') = 'regexp_like: bad pattern at offset 3: missing closing parenthesis';
select 'regexp-bad-op', test_error('select ''abc'' regexp ''[a''') = 'regexp: bad pattern at offset 2: missing terminating ] for character class';
select 'regexp-bad-substr', test_error('select regexp_substr(''abc'', ''*'')') = 'regexp_substr: bad pattern at offset 0: quantifier does not follow a repeatable item';
select 'regexp-bad-replace', test_error('select regexp_replace(''abc'', ''(?<n>a'', ''x'')') = 'regexp_replace: bad pattern at offset 6: missing closing parenthesis';
select 'regexp-bad-count', test_error('select regexp_count(''abc'', ''\'')') = 'regexp_count: bad pattern at offset 1: \ at end of pattern';
select 'regexp-bad-matches', test_error('select * from regexp_matches(''abc'', ''a{2,1}'')') = 'regexp_matches: bad pattern at offset 5: numbers out of order in {} quantifier';
select 'regexp-bad-utf-pattern', test_error('select regexp_like(''abc'', cast(x''61ff'' as text))') = 'regexp_like: bad pattern at offset 1: UTF-8 error: illegal byte (0xfe or 0xff)';
-- a bad pattern stays bad: failures are not cached as answers
select 'regexp-bad-again', test_error('select regexp_like(''abc'', ''a(b'')') = 'regexp_like: bad pattern at offset 3: missing closing parenthesis';

-- Invalid UTF-8 subjects: an error, never "no match"
select 'regexp-utf-like', test_error('select regexp_like(cast(x''ff'' as text), ''a'')') = 'regexp_like: subject is not valid UTF-8 at byte 0';
select 'regexp-utf-op', test_error('select cast(x''61ff'' as text) regexp ''z''') = 'regexp: subject is not valid UTF-8 at byte 1';
select 'regexp-utf-substr', test_error('select regexp_substr(cast(x''e4b8'' as text), ''a'')') = 'regexp_substr: subject is not valid UTF-8 at byte 0';
select 'regexp-utf-count', test_error('select regexp_count(''ab''||cast(x''c0af'' as text), ''a'')') = 'regexp_count: subject is not valid UTF-8 at byte 2';
select 'regexp-utf-replace', test_error('select regexp_replace(cast(x''ff'' as text), ''a'', ''b'')') = 'regexp_replace: subject is not valid UTF-8 at byte 0';
select 'regexp-utf-replace-later', test_error('select regexp_replace(''ab''||cast(x''ff'' as text), ''a'', ''b'')') = 'regexp_replace: subject is not valid UTF-8 at byte 2';
select 'regexp-utf-replacement', test_error('select regexp_replace(''abc'', ''a'', ''x''||cast(x''ff'' as text))') = 'regexp_replace: replacement is not valid UTF-8 at byte 1';
select 'regexp-utf-matches', test_error('select * from regexp_matches(cast(x''edb080'' as text), ''a'')') = 'regexp_matches: subject is not valid UTF-8 at byte 0';
select 'regexp-utf-blob', test_error('select regexp_like(x''ff'', ''a'')') = 'regexp_like: subject is not valid UTF-8 at byte 0';
select 'regexp-utf-surrogate', test_error('select regexp_like(cast(x''eda080'' as text), ''.'')') = 'regexp_like: subject is not valid UTF-8 at byte 0';

-- Catastrophic backtracking: an error, quickly; never a wrong "no match"
select 'regexp-limit-like', test_error('select regexp_like(printf(''%.*c'',60,''a'')||''!'',''^(a|aa)+$'')') = 'regexp_like: match limit exceeded';
select 'regexp-limit-op', test_error('select printf(''%.*c'',40,''a'')||''!'' regexp ''^(a+)+$''') = 'regexp: match limit exceeded';
select 'regexp-limit-interpreter', test_error('select regexp_like(printf(''%.*c'',60,''a'')||''!'',''(*NO_JIT)^(a|aa)+$'')') = 'regexp_like: match limit exceeded';
select 'regexp-limit-count', test_error('select regexp_count(printf(''%.*c'',60,''a'')||''!'',''^(a|aa)+$'')') = 'regexp_count: match limit exceeded';
select 'regexp-limit-replace', test_error('select regexp_replace(printf(''%.*c'',60,''a'')||''!'',''^(a|aa)+$'', ''x'')') = 'regexp_replace: match limit exceeded';
select 'regexp-limit-substr', test_error('select regexp_substr(printf(''%.*c'',60,''a'')||''!'',''^(a|aa)+$'')') = 'regexp_substr: match limit exceeded';
select 'regexp-limit-matches', test_error('select * from regexp_matches(printf(''%.*c'',60,''a'')||''!'',''^(a|aa)+$'')') = 'regexp_matches: match limit exceeded';
select 'regexp-limit-depth', test_error('select regexp_like(printf(''%.*c'',300000,''a'')||''!'',''(*NO_JIT)^(a|b)*!$'')') in ('regexp_like: depth limit exceeded', 'regexp_like: heap limit exceeded');
-- a long subject that needs more than the JIT stack still gets its answer
-- (40,000 iterations overflow the 1 MiB JIT stack: the interpreter answers)
select 'regexp-jit-stack-fallback', regexp_like(printf('%.*c',40000,'a')||'!','^(a|b)*!$') = 1;
select 'regexp-jit-stack-fallback-count', regexp_count(printf('%.*c',40000,'a')||'!','^(a|b)*!$') = 1;
select 'regexp-jit-stack-fallback-replace', regexp_replace(printf('%.*c',40000,'a')||'!','^(a|b)*!$', 'x') = 'x';
select 'regexp-jit-stack-fallback-substr', length(regexp_substr(printf('%.*c',40000,'a')||'!','^(a|b)*!$')) = 40001;

-- regexp_substr
select 'regexp-substr', regexp_substr('电话 180-1234-5678', '\d{3}-\d{4}-\d{4}') = '180-1234-5678';
select 'regexp-substr-group', regexp_substr('电话 180-1234-5678', '(\d{3})-(\d{4})', 2) = '1234';
select 'regexp-substr-group0', regexp_substr('abc', 'b(c)', 0) = 'bc';
select 'regexp-substr-group-text-number', regexp_substr('abc', 'b(c)', '1') = 'c';
select 'regexp-substr-named', regexp_substr('乌鲁木齐市塔城路12号', '(?<road>\p{Han}+?路)(?<no>\d+)号', 'road') = '乌鲁木齐市塔城路';
select 'regexp-substr-named-no', regexp_substr('乌鲁木齐市塔城路12号', '(?<road>\p{Han}+?路)(?<no>\d+)号', 'no') = '12';
select 'regexp-substr-named-by-number', regexp_substr('乌鲁木齐市塔城路12号', '(?<road>\p{Han}+?路)(?<no>\d+)号', 2) = '12';
select 'regexp-substr-nomatch', regexp_substr('abc', 'x') is null;
select 'regexp-substr-unset-group', regexp_substr('abc', '(x)?b', 1) is null;
select 'regexp-substr-empty-match', regexp_substr('abc', 'x*') = '';
select 'regexp-substr-null-x', regexp_substr(null, 'a') is null;
select 'regexp-substr-null-p', regexp_substr('a', null) is null;
select 'regexp-substr-null-group', regexp_substr('a', 'a', null) is null;
select 'regexp-substr-first', regexp_substr('a1b22', '\d+') = '1';
select 'regexp-substr-group-range', test_error('select regexp_substr(''abc'', ''(b)'', 2)') = 'regexp_substr: group 2 does not exist (the pattern has 1 group)';
select 'regexp-substr-group-negative', test_error('select regexp_substr(''abc'', ''(b)(c)'', -1)') = 'regexp_substr: group -1 does not exist (the pattern has 2 groups)';
select 'regexp-substr-group-name', test_error('select regexp_substr(''abc'', ''(?<x>b)'', ''y'')') = 'regexp_substr: no group named ''y'' in the pattern';
select 'regexp-substr-group-real', test_error('select regexp_substr(''abc'', ''(b)'', 1.5)') = 'regexp_substr: group must be a number or a name';
select 'regexp-substr-group-blob', test_error('select regexp_substr(''abc'', ''(b)'', x''01'')') = 'regexp_substr: group must be a number or a name';
-- the group is checked even when nothing matches
select 'regexp-substr-group-range-nomatch', test_error('select regexp_substr(''xyz'', ''(b)'', 5)') = 'regexp_substr: group 5 does not exist (the pattern has 1 group)';

-- regexp_replace
select 'regexp-replace-every', regexp_replace('a1b22c333', '\d+', '#') = 'a#b#c#';
select 'regexp-replace-refs', regexp_replace('2023/10/23', '(\d+)/(\d+)/(\d+)', '$1-$2-$3') = '2023-10-23';
select 'regexp-replace-brace-refs', regexp_replace('ab', '(a)', '${1}1') = 'a1b';
select 'regexp-replace-named', regexp_replace('2023年10月', '(?<y>\d{4})年(?<m>\d+)月', '${y}-${m}') = '2023-10';
select 'regexp-replace-dollar', regexp_replace('100', '^', '$$') = '$100';
select 'regexp-replace-backslash-literal', regexp_replace('a', 'a', 'C:\temp') = 'C:\temp';
select 'regexp-replace-unset-empty', regexp_replace('b', '(a)?b', '[$1]') = '[]';
select 'regexp-replace-empty-matches', regexp_replace('abc', 'x*', '-') = '-a-b-c-';
select 'regexp-replace-cjk', regexp_replace('买买提·艾力', '·', ' ') = '买买提 艾力';
select 'regexp-replace-nomatch', regexp_replace('abc', 'x', 'y') = 'abc';
select 'regexp-replace-delete', regexp_replace('1 2  3', '\s+', '') = '123';
select 'regexp-replace-null-x', regexp_replace(null, 'a', 'b') is null;
select 'regexp-replace-null-p', regexp_replace('a', null, 'b') is null;
select 'regexp-replace-null-repl', regexp_replace('a', 'a', null) is null;
select 'regexp-replace-double-5000', length(regexp_replace(printf('%.*c',5000,'a'), '(.)', '$1$1')) = 10000;
select 'regexp-replace-double-5000-text', regexp_replace(printf('%.*c',5000,'a'), '(.)', '$1$1') = printf('%.*c',10000,'a');
select 'regexp-replace-double-cjk', regexp_replace(replace(printf('%.*c',5000,'x'),'x','汉'), '(.)', '$1$1') = replace(printf('%.*c',10000,'x'),'x','汉');
select 'regexp-replace-shrink', regexp_replace(printf('%.*c',5000,'a'), 'a', '') = '';
select 'regexp-replace-grow-large', length(regexp_replace(printf('%.*c',1000,'a'), 'a', printf('%.*c',1000,'b'))) = 1000000;
select 'regexp-replace-unknown-group', test_error('select regexp_replace(''abc'', ''b'', ''$9'')') = 'regexp_replace: bad replacement at offset 2: unknown substring';
select 'regexp-replace-unknown-name', test_error('select regexp_replace(''abc'', ''(?<n>b)'', ''${m}'')') = 'regexp_replace: bad replacement at offset 4: unknown substring';
select 'regexp-replace-missing-brace', test_error('select regexp_replace(''abc'', ''b'', ''${1'')') = 'regexp_replace: bad replacement at offset 3: expected closing curly bracket in replacement string';
select 'regexp-replace-lone-dollar', test_error('select regexp_replace(''abc'', ''b'', ''x$'')') = 'regexp_replace: bad replacement at offset 2: invalid replacement string';

-- regexp_count
select 'regexp-count', regexp_count('a1b22c333', '\d+') = 3;
select 'regexp-count-zero', regexp_count('abc', '\d') = 0;
select 'regexp-count-cjk', regexp_count('买买提·艾力', '\p{Han}') = 5;
select 'regexp-count-empty-pattern', regexp_count('abc', '') = 4;
select 'regexp-count-star', regexp_count('aaa', 'a*') = 2;
select 'regexp-count-nonoverlap', regexp_count('aaaa', 'aa') = 2;
select 'regexp-count-null', regexp_count(null, 'a') is null;
select 'regexp-count-null-p', regexp_count('a', null) is null;
select 'regexp-count-long', regexp_count(printf('%.*c',5000,'a'), 'a') = 5000;

-- regexp_matches: one row per match, 1-based character starts, JSON groups
select 'regexp-matches-rows', (select count(*) from regexp_matches('王五 13800138000，李四 13900139000', '(\p{Han}+) (1\d{10})')) = 2;
select 'regexp-matches-row1', (select match_index||'|'||start||'|'||text||'|'||groups from regexp_matches('王五 13800138000，李四 13900139000', '(\p{Han}+) (1\d{10})') where match_index = 1) = '1|1|王五 13800138000|["王五","13800138000"]';
select 'regexp-matches-row2', (select match_index||'|'||start||'|'||text||'|'||groups from regexp_matches('王五 13800138000，李四 13900139000', '(\p{Han}+) (1\d{10})') where match_index = 2) = '2|16|李四 13900139000|["李四","13900139000"]';
select 'regexp-matches-start-chars', (select group_concat(start, ',') from regexp_matches('一a二bb三', '\p{Han}')) = '1,3,6';
select 'regexp-matches-substr-agrees', (select count(*) from regexp_matches('一a二bb三', '\p{Han}') where substr('一a二bb三', start, length(text)) = text) = 3;
select 'regexp-matches-no-groups', (select group_concat(groups, ';') from regexp_matches('a1b2', '\d')) = '[];[]';
select 'regexp-matches-unset-group', (select groups from regexp_matches('b', '(a)?(b)')) = '[null,"b"]';
select 'regexp-matches-json-escape', (select groups from regexp_matches('say "hi"\ok', '(".*")(\\)')) = '["\"hi\"","\\"]';
select 'regexp-matches-json-valid', (select json_extract(groups, '$[0]') from regexp_matches('say "hi"', '(".*")')) = '"hi"';
select 'regexp-matches-empty', (select group_concat(match_index||':'||start||':'||text, ',') from regexp_matches('ab', 'x*')) = '1:1:,2:2:,3:3:';
select 'regexp-matches-none', (select count(*) from regexp_matches('abc', 'x')) = 0;
select 'regexp-matches-null', (select count(*) from regexp_matches(null, 'x')) = 0;
select 'regexp-matches-null-p', (select count(*) from regexp_matches('abc', null)) = 0;
select 'regexp-matches-hidden', (select subject||'|'||pattern from regexp_matches('abc', 'b')) = 'abc|b';
select 'regexp-matches-named', (select json_extract(groups, '$[1]') from regexp_matches('塔城路12号', '(?<road>\p{Han}+路)(?<no>\d+)')) = '12';
select 'regexp-matches-no-args', test_error('select * from regexp_matches') = 'regexp_matches: give a subject and a pattern: SELECT * FROM regexp_matches(x, p)';
select 'regexp-matches-one-arg', test_error('select * from regexp_matches(''abc'')') = 'regexp_matches: give a subject and a pattern: SELECT * FROM regexp_matches(x, p)';
select 'regexp-matches-where-form', (select group_concat(text, ',') from regexp_matches where subject = 'a1b2' and pattern = '\d') = '1,2';
select 'regexp-matches-join-on', (select group_concat(m.text, ',') from (select 'a1b2' as s, '\d' as p union all select 'xyz', 'y') t join regexp_matches m on m.subject = t.s and m.pattern = t.p) = '1,2,y';
select 'regexp-matches-innocuous', (select count(*) from pragma_module_list where name = 'regexp_matches') = 1;

-- Patterns from a column: correct row by row through the LRU (more distinct
-- patterns than it holds, so entries are evicted and compiled again)
create table re_rows(i integer primary key, subject text, pattern text);
insert into re_rows(i, subject, pattern)
  with recursive n(i) as (select 1 union all select i + 1 from n where i < 100)
  select i, '居民' || i, '^居民' || (i % 20) || '\d*$' from n;
select 'regexp-cache-column', (select count(*) from re_rows where regexp_like(subject, pattern)) = (select count(*) from re_rows where ('居民' || i) like '居民' || (i % 20) || '%');
select 'regexp-cache-column-count', (select sum(regexp_count(subject, pattern)) from re_rows) = (select count(*) from re_rows where ('居民' || i) like '居民' || (i % 20) || '%');
select 'regexp-cache-column-op', (select count(*) from re_rows where subject regexp pattern) = (select count(*) from re_rows where regexp_like(subject, pattern));
select 'regexp-cache-column-substr', (select group_concat(regexp_substr(subject, '(' || pattern || ')', 1), ',') from re_rows where i <= 3) = '居民1,居民2,居民3';
select 'regexp-cache-lateral', (select count(*) from re_rows, regexp_matches(re_rows.subject, re_rows.pattern)) = (select count(*) from re_rows where regexp_like(subject, pattern));
select 'regexp-cache-two-patterns', (select count(*) from re_rows where regexp_like(subject, '0$') and not regexp_like(subject, '^居民\d+$')) = 0;

-- Flags: pure, so usable in views, CHECKs, indexes
select 'regexp-flags-like', (select flags & 0x200800 from pragma_function_list where name = 'regexp_like') = 0x200800;
select 'regexp-flags-op', (select flags & 0x200800 from pragma_function_list where name = 'regexp') = 0x200800;
create table re_check(name text check (regexp_like(name, '^\p{Han}{2,4}$')));
select 'regexp-check-ok', test_error('insert into re_check values (''张三'')') is null;
select 'regexp-check-bad', test_error('insert into re_check values (''Zhang San'')') = 'CHECK constraint failed: regexp_like(name, ''^\p{Han}{2,4}$'')';
create index re_idx on re_rows(regexp_substr(subject, '\d+'));
select 'regexp-index-expr', (select count(*) from re_rows where regexp_substr(subject, '\d+') = '42') = 1;

-- The subject's UTF-8 check: the literal fast path and the JIT path check
-- it themselves (pcre2_jit_match checks nothing); they must agree with
-- PCRE2's own check (the interpreter, (*NO_JIT)) on the answer and on the
-- error offset, for near-valid byte strings: truncated, overlong,
-- surrogate, above U+10FFFF, stray continuation bytes.
create table re_piece(k integer primary key, h text);
insert into re_piece(h) values ('61'), ('e4b8ad'), ('e4b8'), ('e4'), ('c0af'), ('c1bf'), ('c280'), ('dfbf'), ('c2'),
  ('e0a080'), ('e08080'), ('e09fbf'), ('ed9fbf'), ('eda080'), ('edbfbf'), ('ee8080'), ('efbfbf'),
  ('f0908080'), ('f08f8080'), ('f09f9880'), ('f48fbfbf'), ('f4908080'), ('f5808080'), ('f8'), ('ff'), ('fe'), ('80'), ('bf'), ('00'), ('e4b861');
create table re_hex(h text);
insert into re_hex
  with recursive n(i) as (select 1 union all select i + 1 from n where i < 1500)
  select (select h from re_piece where k = 1 + (i * 7) % 30) ||
         case when i % 4 > 0 then (select h from re_piece where k = 1 + (i * 13 + i / 30) % 30) else '' end ||
         case when i % 4 > 1 then (select h from re_piece where k = 1 + (i * 31 + i / 7) % 30) else '' end ||
         case when i % 4 > 2 then (select h from re_piece where k = 1 + (i / 11) % 30) else '' end
  from n;
-- per row: the answer (or error) of the literal path, the JIT path and
-- PCRE2's own check, for regexp_like and for regexp_count's walk
create table re_paths as
  select h,
    coalesce(test_error('select regexp_like(x''' || h || ''', ''a'')'), 'ok:' || test_rows('select 1 where regexp_like(x''' || h || ''', ''a'')')) as lit,
    coalesce(test_error('select regexp_like(x''' || h || ''', ''(?:a)'')'), 'ok:' || test_rows('select 1 where regexp_like(x''' || h || ''', ''(?:a)'')')) as jit,
    coalesce(test_error('select regexp_like(x''' || h || ''', ''(*NO_JIT)a'')'), 'ok:' || test_rows('select 1 where regexp_like(x''' || h || ''', ''(*NO_JIT)a'')')) as pcre,
    coalesce(test_error('select regexp_count(x''' || h || ''', ''a|\x{4e2d}'')'), 'ok') as cnt,
    coalesce(test_error('select regexp_count(x''' || h || ''', ''(*NO_JIT)a|\x{4e2d}'')'), 'ok') as cnt_pcre
  from re_hex;
select 'regexp-utf-literal-agrees', (select count(*) from re_paths where lit is not pcre) = 0;
select 'regexp-utf-jit-agrees', (select count(*) from re_paths where jit is not pcre) = 0;
select 'regexp-utf-count-agrees', (select count(*) from re_paths where cnt is not cnt_pcre) = 0;
select 'regexp-utf-count-values-agree', (select count(*) from re_paths where cnt = 'ok' and test_rows('select 1 where regexp_count(x''' || h || ''', ''a|\x{4e2d}'') = regexp_count(x''' || h || ''', ''(*NO_JIT)a|\x{4e2d}'')') <> 1) = 0;
select 'regexp-utf-cases-valid', (select count(*) from re_paths where pcre like 'ok:%') between 100 and 1400;
select 'regexp-utf-cases-match', (select count(*) from re_paths where pcre = 'ok:1') > 10;
select 'regexp-utf-cases-invalid', (select count(*) from re_paths where pcre like '%not valid UTF-8 at byte _') > 100;
select 'regexp-utf-cases-later-byte', (select count(*) from re_paths where pcre like '%not valid UTF-8 at byte 3') > 10;
-- the literal fast path answers as PCRE2 does
select 'regexp-literal-agrees', (select count(*) from re_rows where regexp_like(subject, '居民1') is not regexp_like(subject, '(?:居民1)')) = 0;
select 'regexp-literal-found', (select count(*) from re_rows where regexp_like(subject, '居民1')) = 12;
select 'regexp-literal-at-end', regexp_like('艾力买买提', '买买提') = 1;
select 'regexp-literal-longer-than-subject', regexp_like('买买', '买买提') = 0;
select 'regexp-literal-after-bad-byte', test_error('select regexp_like(''买买提''||cast(x''ff'' as text), ''买买提'')') = 'regexp_like: subject is not valid UTF-8 at byte 9';
