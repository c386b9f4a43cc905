-- gzip(x [, level]), gunzip(blob), crc32(x): ext/gzip.c

-- gzip makes real gzip: magic 1F 8B, method 8 (deflate)
select 'gzip-magic', hex(substr(gzip('hello'), 1, 3)) = '1F8B08';
select 'gzip-type', typeof(gzip('hello')) = 'blob';
select 'gzip-roundtrip-text', cast(gunzip(gzip('睦邻 hello')) as text) = '睦邻 hello';
select 'gzip-roundtrip-blob', gunzip(gzip(x'00ff10fe')) = x'00ff10fe';
select 'gzip-roundtrip-empty', gunzip(gzip('')) = x'';
select 'gzip-empty-is-blob', typeof(gunzip(gzip(''))) = 'blob';
select 'gzip-number-as-text', cast(gunzip(gzip(42)) as text) = '42';
select 'gzip-real-as-text', cast(gunzip(gzip(1.5)) as text) = '1.5';
-- levels 0..9 all decode to the input; 9 is smaller than 0 on repetitive data
select 'gzip-levels', (with recursive g(l) as (select 0 union all select l + 1 from g where l < 9)
   select count(*) from g where gunzip(gzip(zeroblob(10000), l)) = zeroblob(10000)) = 10;
select 'gzip-level-smaller', length(gzip(zeroblob(10000), 9)) < length(gzip(zeroblob(10000), 0));
-- level 0 stores: the deflate payload is the input itself (stable across zlib versions)
-- header 1F8B 08 00, mtime 0, XFL 04 (fastest), OS 03; one stored block; CRC and size
select 'gzip-level0-exact', hex(gzip('abc', 0)) = '1F8B0800000000000403' || '010300FCFF' || '616263' || 'C241243503000000';
select 'gzip-level-text-int', gunzip(gzip('abc', '7')) = cast('abc' as blob);
select 'gzip-large', length(gunzip(gzip(zeroblob(1000000)))) = 1000000;
select 'gzip-compresses', length(gzip(zeroblob(1000000))) < 2000;
-- the trailer carries the CRC-32 and length of the input
select 'gzip-trailer-crc', hex(substr(gzip('abc'), -8, 4)) = 'C2412435';

-- gunzip reads what the gzip tool writes (this one stores a file name and mtime)
select 'gunzip-gzip-tool', cast(gunzip(x'1f8b0808257d9365020367726565742e747874007b3e77d9cba6dd0a19a93939f95c00f620ab770d000000') as text) = '睦邻 hello' || char(10);
-- concatenated members, as `cat a.gz b.gz` makes
select 'gunzip-members', cast(gunzip(x'1f8b08000000000000034b4c4a0600c241243503000000' || x'1f8b08000000000000034b494d030061e1c40c03000000') as text) = 'abcdef';
select 'gunzip-members-sql', cast(gunzip(gzip('abc', 9) || gzip('', 1) || gzip('def', 0)) as text) = 'abcdef';
select 'gunzip-blob-always', typeof(gunzip(gzip('text in'))) = 'blob';

-- NULL in, NULL out
select 'gzip-null', gzip(null) is null;
select 'gzip-null-level', gzip('abc', null) is null;
select 'gunzip-null', gunzip(null) is null;
select 'crc32-null', crc32(null) is null;

-- crc32 is zlib's (IEEE 802.3) CRC-32
select 'crc32-abc', crc32('abc') = 891568578;
select 'crc32-fox', crc32('The quick brown fox jumps over the lazy dog') = 0x414FA339;
select 'crc32-utf8', crc32('睦邻 hello' || char(10)) = 2007703798;
select 'crc32-empty', crc32('') = 0;
select 'crc32-empty-blob', crc32(x'') = 0;
select 'crc32-blob-eq-text', crc32(x'616263') = crc32('abc');
select 'crc32-number', crc32(42) = crc32('42');
select 'crc32-high-bit', crc32(x'ffffffff') = 4294967295;
select 'crc32-unsigned', crc32('hello') = 907060870 and (with recursive g(v) as (select 1 union all select v + 1 from g where v < 2000)
   select min(crc32(v)) >= 0 and max(crc32(v)) < 4294967296 and max(crc32(v)) > 2147483647 from g);

-- errors name the function and the argument
select 'gzip-err-level-10', test_error('select gzip(''a'', 10)') = 'gzip: level must be an integer from 0 to 9, got ''10''';
select 'gzip-err-level-neg', test_error('select gzip(''a'', -1)') = 'gzip: level must be an integer from 0 to 9, got ''-1''';
select 'gzip-err-level-text', test_error('select gzip(''a'', ''fast'')') = 'gzip: level must be an integer from 0 to 9, got ''fast''';
select 'gzip-err-level-real', test_error('select gzip(''a'', 1.5)') = 'gzip: level must be an integer from 0 to 9, got ''1.5''';
select 'gunzip-err-not-gzip', test_error('select gunzip(''hello'')') = 'gunzip: not gzip data (no 1F 8B header)';
select 'gunzip-err-empty', test_error('select gunzip(x'''')') = 'gunzip: not gzip data (no 1F 8B header)';
select 'gunzip-err-zlib-stream', test_error('select gunzip(x''789c4b4c4a0600024d0127'')') = 'gunzip: not gzip data (no 1F 8B header)';
select 'gunzip-err-truncated-header', test_error('select gunzip(x''1f8b08'')') = 'gunzip: truncated gzip data';
select 'gunzip-err-truncated-body', test_error('select gunzip(substr(gzip(''hello world''), 1, 15))') = 'gunzip: truncated gzip data';
select 'gunzip-err-truncated-trailer', test_error('select gunzip(substr(gzip(''hello world''), 1, length(gzip(''hello world'')) - 1))') = 'gunzip: truncated gzip data';
select 'gunzip-err-method', test_error('select gunzip(x''1f8b0900000000000003cb48cdc9c9070086a6103605000000'')') = 'gunzip: corrupt gzip data (unknown compression method)';
select 'gunzip-err-crc', test_error('select gunzip(x''1f8b0800000000000003cb48cdc9c9070086a6103705000000'')') = 'gunzip: corrupt gzip data (incorrect data check)';
select 'gunzip-err-length', test_error('select gunzip(x''1f8b0800000000000003cb48cdc9c9070086a6103605000001'')') = 'gunzip: corrupt gzip data (incorrect length check)';
select 'gunzip-err-block', test_error('select gunzip(x''1f8b0800000000000003ff48cdc9c9070086a6103605000000'')') = 'gunzip: corrupt gzip data (invalid block type)';
select 'gunzip-err-trailing', test_error('select gunzip(gzip(''a'') || x''00'')') = 'gunzip: unexpected bytes after the end of the gzip data';
select 'gunzip-err-trailing-text', test_error('select gunzip(gzip(''a'') || ''junk'')') = 'gunzip: unexpected bytes after the end of the gzip data';

-- flags: pure, so usable in views and CHECKs under trusted_schema=OFF
select 'gzip-flags', (select count(*) from pragma_function_list where name in ('gzip', 'gunzip', 'crc32') and flags & 0x200800 = 0x200800) = 4;
create table gz_docs (body text, packed blob generated always as (gzip(body, 9)) stored, check (crc32(body) >= 0));
insert into gz_docs (body) values ('居民名单'), (null), ('');
select 'gzip-generated-column', (select count(*) from gz_docs where cast(gunzip(packed) as text) is body) = 3;
