create view scoring_stars as select volunteer_stars(320) as got, 2 as want;
create view scoring_stars_top as select volunteer_stars(1500.0) as got, 5 as want;
create view scoring_stars_null as select volunteer_stars(null) is null as got, 1 as want;
