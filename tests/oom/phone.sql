select phone_valid('+86 180-1234-1999'), phone_normalize('0086 13912345678');
select phone_mask('18012341999'), phone_mask(' +1 415 555 0100 '), phone_mask('');
select name_mask('努尔兰·别克'), name_mask('李'), name_mask('');
select name_mask(replace(hex(zeroblob(150)), '00', '张'));
select name_mask(x'31');
