select muling_debug();
select muling_version();
