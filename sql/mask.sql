-- mask.sql — the names `muling report` masks inside free text (a 睦邻点's
-- place 居民巴汗台家里, a council issue's title, a hardship case's outcome)
-- when the output is masked, the default.  Every person the database
-- names: residents (members are residents) and staff.  One-character
-- names are left out: they would mask ordinary words.  UNION ALL, not
-- UNION: the command's table keeps each name once, and a UNION would sort
-- every resident's name first (most of the masking's time on a city).
-- The command reads this whole only when the text to mask would need more
-- seeks in the residents_name_birth index than reading it costs (cli/mask.c
-- asks the index, place by place, what the text needs; staff are read
-- whole with the same length rule); the same names are masked either way.
SELECT name FROM residents WHERE length(name) >= 2
UNION ALL
SELECT name FROM staff WHERE length(name) >= 2;
