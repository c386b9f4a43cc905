create view phone_valid_v as select phone_valid('+86 180-1234-1999') as got, 1 as want;
create view phone_normalize_v as select phone_normalize('0086 13912345678') as got, '13912345678' as want;
create view phone_mask_v as select phone_mask('18012341999') as got, '180****1999' as want;
create view phone_name_mask_v as select name_mask('努尔兰·别克') as got, '努**·**' as want;
