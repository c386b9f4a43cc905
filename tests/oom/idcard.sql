select idcard_valid('11010519491231002X'), idcard_kind('810000199001010019');
select idcard_normalize(' １１０１０５１９４９１２３１００２ｘ '), idcard_normalize('110105491231002');
select idcard_birth('11010519491231002X'), idcard_sex('11010519491231002X'), idcard_region('11010519491231002X'), idcard_province('11010519491231002X');
select idcard_age('11010519491231002X', '2024-06-30'), idcard_age(650103198709286002, '2024-06-30');
select idcard_age('11010519491231002X', '2024-13-01');
select idcard_mask('11010519491231002X'), idcard_mask('110105491231002', 6, 4);
select idcard_mask('身份证号码不详请补录核实'), idcard_mask('  6.50106E+17 ');
select idcard_mask('11010519491231002X', 7, 2);
select idcard_valid(x'3131');
