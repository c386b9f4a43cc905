-- The entry point, version and build facts.
select 'core-version', muling_version() = '0.1.0';
select 'core-debug-sqlite', muling_debug() like '%sqlite 3.%';
select 'core-debug-pcre2', muling_debug() like '%pcre2 10.%jit%';
select 'core-debug-zlib', muling_debug() like '%zlib 1.%';
select 'core-debug-libical', muling_debug() like '%libical 3.%';
select 'core-debug-expat-freexl', muling_debug() like '%expat expat_2.%freexl 1.%';
select 'core-deterministic', (select flags & 0x800 from pragma_function_list where name = 'muling_version') = 0x800;
