-- gzip, gunzip, crc32 under a failing allocator: SQLITE_NOMEM or the exact answer
select hex(gzip('hello, 睦邻'));
select hex(gzip('abc', 0)), hex(gzip(x'00ff', 9));
select cast(gunzip(gzip('hello world')) as text);
select hex(gunzip(gzip('abc') || gzip('def')));
select length(gunzip(gzip(zeroblob(20000))));
select gunzip(x'1f8b0800000000000003cb48cdc9c9070086a6103705000000');
select gunzip(substr(gzip('hello world'), 1, 15));
select crc32('abc'), crc32(x'00ff'), crc32(12);
