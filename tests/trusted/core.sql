create view core_version as select muling_version() as got, '0.1.0' as want;
create view core_debug as select muling_debug() like 'muling %' as got, 1 as want;
