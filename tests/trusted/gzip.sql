create view gzip_roundtrip as select cast(gunzip(gzip('睦邻点')) as text) as got, '睦邻点' as want;
create view gzip_level as select cast(gunzip(gzip('abc', 9)) as text) as got, 'abc' as want;
create view gzip_crc32 as select crc32('abc') as got, 891568578 as want;
