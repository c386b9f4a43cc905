create view diversity_fractionalization as select round(fractionalization(c), 6) as got, round(1 - (4 + 1 + 1) / 16.0, 6) as want from (select 'a' c union all select 'a' union all select 'b' union all select 'c');
create view diversity_entropy as select round(entropy(c), 12) as got, round(ln(2), 12) as want from (select 'a' c union all select 'b');
create view diversity_dissimilarity as select dissimilarity(a, b) as got, 0.25 as want from (select 10 a, 20 b union all select 30, 20);
