-- mask.sql — the names `muling report` masks inside free text (a 睦邻点's
-- place 居民巴汗台家里, a council issue's title, a hardship case's outcome)
-- when the output is masked, the default.  Every person the database
-- names: residents (members are residents) and staff.  One-character
-- names are left out: they would mask ordinary words.  UNION ALL, not
-- UNION: the command's table keeps each name once, and a UNION would sort
-- every resident's name first (most of the masking's time on a city).
SELECT name FROM residents WHERE length(name) >= 2
UNION ALL
SELECT name FROM staff WHERE length(name) >= 2;
