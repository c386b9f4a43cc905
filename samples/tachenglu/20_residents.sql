-- 塔城路社区 sample, part 2: households (户) and residents (居民).
-- Seed 000: 1982 households, 5859 residents of 13 民族 — 汉 2590, 哈萨克 1530,
-- 维吾尔 1134 and ten more 605 (蒙古 210, 回 120, 柯尔克孜 60, 锡伯 55, 满 50,
-- 乌孜别克 40, 塔塔尔 25, 俄罗斯 20, 达斡尔 15, 塔吉克 10); 低保 234
-- households with 511 people; 68 floating (流动人口); 2 key persons (重点人口).
-- Besides the current population there are 150 people who moved out or
-- died (history is kept) and six dissolved households.
--
-- Every row is computed: the pseudo-random numbers are the top 16 bits of
-- id × an odd 32-bit constant mod 2³², so the sample is the same on every
-- run.  Families share a 民族 (households are ranked by a hash and the
-- groups laid over that order), so only the households at the seams are
-- mixed, as some families are.
BEGIN;

-- Name pools, space-separated; pool_words splits them into numbered words.
CREATE TEMP TABLE pools(pool TEXT PRIMARY KEY, list TEXT NOT NULL);
INSERT INTO temp.pools VALUES
 ('han_s', '王 李 张 刘 陈 杨 赵 黄 周 吴 徐 孙 朱 胡 郭 何 林 高 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 潘 袁 蒋 蔡 余 杜 叶 程 魏 苏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 付 方 邹 熊 白 孟 秦 邱 侯 江 尹 薛 闫 段 雷 龙 黎 史 陶 贺 毛 郝 顾 龚 邵 万 覃 武 钱 戴 严 欧 莫 孔 向 常'),
 ('hui_s', '马 马 马 丁 白 杨 哈 海 穆 纳 冶 沙 金 韩 米 麻 者 锁'),
 ('man_s', '关 佟 那 赵 金 吴 郭 安 何 富 伊 敖 孟 苏 图 常 索 佘'),
 ('han_m1','建 国 军 伟 永 志 海 晓 文 立 俊 振 德 学 宏 新 世 长 明 浩 子 家 天 春 嘉'),
 ('han_m2','国 军 伟 强 明 平 东 华 杰 涛 斌 鹏 飞 勇 磊 刚 峰 林 辉 成 鑫 宇 超 龙 波'),
 ('han_f1','秀 玉 丽 桂 淑 春 美 晓 海 雪 慧 静 丹 佳 婷 凤 雅 红 金 兰 欣 子 思 梦 诗'),
 ('han_f2','英 兰 华 芳 敏 静 燕 红 梅 霞 娟 萍 琴 洁 莉 婷 雪 娜 丽 玲 珍 艳 蓉 琳 颖'),
 ('kz_m',  '努尔兰 别克 叶尔兰 阿斯哈尔 达吾列提 哈力木 加尔肯 叶尔肯 胡安 赛力克 木拉提 阿曼 波拉提 巴合提 叶尔波拉提 哈那提 居马别克 托合塔尔 马合沙提 叶斯木汗 阿依顿 吐尔逊别克 卡那提 努尔波拉提 热合木别克'),
 ('kz_f',  '古丽 阿依古丽 玛丽亚 巴汗 加娜尔 阿依努尔 热依拉 沙吾列 古丽娜尔 哈丽旦 阿依达娜 加米拉 阿克玛依 库丽娜 古丽米拉 萨依拉 哈丽玛 巴合提古丽 阿娜尔 娜孜古丽 阿勒腾 叶尔克 胡玛尔 加依娜古丽 赛吾莱'),
 ('ug_m',  '艾力 买买提 阿不都 吐尔洪 艾尔肯 伊力哈木 麦麦提 阿里木 热合曼 努尔买买提 卡德尔 玉素甫 艾合买提 阿不都热合曼 吐尔逊 米吉提 亚森 依明 阿布拉 艾则孜 努尔艾力 塔依尔 帕尔哈提 肉孜 阿迪力'),
 ('ug_f',  '阿依古丽 古丽巴哈尔 热依汗 帕提古丽 阿依努尔 米日古丽 努尔尼沙 祖丽皮亚 海丽且姆 布帕提玛 古丽尼沙 阿孜古丽 热娜 迪丽努尔 阿米娜 再努尔 巴哈古丽 木开热木 阿依谢姆 古丽加玛丽 帕夏 热孜宛古丽 玛依拉 努尔古丽 阿尔祖古丽'),
 ('mg_m',  '巴特尔 苏和 额尔敦 那仁 宝音 朝鲁 孟和 巴雅尔 毕力格 阿拉坦 哈斯 达来 乌力吉 敖登 特木尔 那木吉拉 吉日嘎拉 额尔德尼 孟克 布和 巴图 其勒木格 达赖 图门 白音'),
 ('mg_f',  '其木格 乌云 斯琴 格日勒 萨仁 娜仁 图雅 塔娜 高娃 其其格 阿拉坦其其格 苏布达 乌兰 琪琪格 萨日娜 乌云其木格 斯琴高娃 托娅 阿茹娜 敖敦 吉雅 额尔德尼其其格 娜布其 萨其拉 呼和'),
 ('ru_m',  '伊万 安德烈 谢尔盖 亚历山大 尼古拉 米哈伊尔 弗拉基米尔 巴维尔'),
 ('ru_f',  '娜塔莎 柳德米拉 叶莲娜 玛丽娜 奥莉加 塔季扬娜 伊琳娜 斯维特兰娜'),
 ('ru_s',  '彼得罗夫 伊万诺夫 索科洛夫 巴甫洛夫 库兹涅佐夫 波波夫 瓦西里耶夫 谢苗诺夫');
CREATE TEMP TABLE np(pool TEXT, i INTEGER, t TEXT, PRIMARY KEY (pool, i));
INSERT INTO temp.np
WITH RECURSIVE w(pool, i, t, rest) AS (
  SELECT pool, -1, NULL, list || ' ' FROM temp.pools
  UNION ALL
  SELECT pool, i + 1, substr(rest, 1, instr(rest, ' ') - 1), substr(rest, instr(rest, ' ') + 1)
  FROM w WHERE rest <> '')
SELECT pool, i, t FROM w WHERE i >= 0;
CREATE TEMP TABLE npn(pool TEXT PRIMARY KEY, n INTEGER);
INSERT INTO temp.npn SELECT pool, count(*) FROM temp.np GROUP BY pool;

-- The 13 groups over the household order: [lo, hi] ranks.
CREATE TEMP TABLE eth(code TEXT PRIMARY KEY, n INTEGER, lo INTEGER, hi INTEGER, style TEXT);
INSERT INTO temp.eth(code, n, style) VALUES
 ('01',2590,'han'), ('17',1530,'kz'), ('05',1134,'ug'), ('02',210,'mg'), ('03',120,'hui'),
 ('29',60,'kz'), ('38',55,'man'), ('11',50,'man'), ('43',40,'ug'), ('50',25,'ug'),
 ('44',20,'ru'), ('31',15,'man'), ('41',10,'ug');
UPDATE temp.eth SET hi = (SELECT sum(e.n) FROM temp.eth e WHERE e.rowid <= temp.eth.rowid);
UPDATE temp.eth SET lo = hi - n + 1;

-- Households 1–1982 are current; 1983–1988 were dissolved (all moved out).
CREATE TEMP TABLE hh(id INTEGER PRIMARY KEY, building INTEGER, k INTEGER, h INTEGER);
INSERT INTO temp.hh(id, h)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1988)
SELECT i, (i * 2654435761 % 4294967296) / 65536 FROM n;
UPDATE temp.hh SET building = 1001 + (id - 1) * 52 / 1982 WHERE id <= 1982;
UPDATE temp.hh SET building = 1001 + (id - 1983) * 9 WHERE id > 1982;
UPDATE temp.hh SET k = id - (SELECT min(b.id) FROM temp.hh b WHERE b.building = temp.hh.building) + 1;

-- People: 1–1982 head their household; 1983–5859 live in a hashed one;
-- 5860–6009 are history (5860–5871 in the dissolved households).
CREATE TEMP TABLE p(
  id INTEGER PRIMARY KEY, hh INTEGER, r1 INTEGER, r2 INTEGER, r3 INTEGER, r4 INTEGER, r5 INTEGER,
  sex TEXT, birth TEXT, eth TEXT, style TEXT, relation TEXT, low INTEGER DEFAULT 0,
  reg TEXT DEFAULT 'registered', key INTEGER DEFAULT 0, moved_in TEXT, moved_out TEXT, died TEXT,
  region TEXT, idn TEXT, name TEXT, phone TEXT);
INSERT INTO temp.p(id, r1, r2, r3, r4, r5)
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 6009)
SELECT i, (i * 2654435761 % 4294967296) / 65536, (i * 2246822519 % 4294967296) / 65536,
          (i * 3266489917 % 4294967296) / 65536, (i * 668265263 % 4294967296) / 65536,
          (i * 374761393 % 4294967296) / 65536
FROM n;
UPDATE temp.p SET hh = CASE
  WHEN id <= 1982 THEN id
  WHEN id <= 5859 THEN 1 + (r1 * 65536 + r2) % 1982
  WHEN id <= 5871 THEN 1983 + (id - 5860) / 2
  ELSE 1 + (r1 * 65536 + r3) % 1982 END;
CREATE INDEX temp.p_hh ON p(hh);
UPDATE temp.p SET sex = CASE WHEN r2 % 2 = 0 THEN 'M' ELSE 'F' END;
-- Heads born 1938–1997; others 1930–2021 (many retirees, as seed 000 says).
UPDATE temp.p SET birth = CASE WHEN id <= 1982 OR id BETWEEN 5860 AND 5871
  THEN date('1938-01-01', '+' || ((r3 * 65536 + r4) % 21900) || ' days')
  ELSE date('1930-01-01', '+' || ((r3 * 65536 + r4) % 33600) || ' days') END;

-- 民族: current people in hashed household order, laid over the ranges.
CREATE TEMP TABLE o(id INTEGER PRIMARY KEY, rn INTEGER);
INSERT INTO temp.o SELECT p.id, row_number() OVER (ORDER BY hh.h, hh.id, p.id)
FROM temp.p p JOIN temp.hh ON hh.id = p.hh WHERE p.id <= 5859;
UPDATE temp.p SET eth = (SELECT e.code FROM temp.o JOIN temp.eth e ON o.rn BETWEEN e.lo AND e.hi
                         WHERE o.id = temp.p.id)
WHERE id <= 5859;
DROP TABLE temp.o;
UPDATE temp.p SET eth = CASE WHEN id % 2 = 0 THEN '01' ELSE '17' END WHERE id BETWEEN 5860 AND 5871;
UPDATE temp.p SET eth = (SELECT h.eth FROM temp.p h WHERE h.id = temp.p.hh) WHERE id > 5871;
UPDATE temp.p SET style = (SELECT style FROM temp.eth WHERE code = temp.p.eth);

-- 与户主关系 from the age gap to the head.
UPDATE temp.p SET relation = 'head' WHERE id <= 1982 OR id IN (5860, 5862, 5864, 5866, 5868, 5870);
UPDATE temp.p SET relation = (
  SELECT CASE WHEN julianday(temp.p.birth) - julianday(h.birth) > 18 * 365 THEN 'child'
              WHEN julianday(h.birth) - julianday(temp.p.birth) > 18 * 365 THEN 'parent'
              WHEN abs(julianday(h.birth) - julianday(temp.p.birth)) < 12 * 365
                   AND temp.p.sex <> h.sex THEN 'spouse'
              ELSE 'other' END
  FROM temp.p h WHERE h.id = temp.p.hh)
WHERE relation IS NULL;

-- History: 5860–5871 moved out with their households; of 5872–6009,
-- 100 moved out and 38 died.
UPDATE temp.p SET moved_out = date('2019-01-01', '+' || (r5 % 1600) || ' days') WHERE id BETWEEN 5860 AND 5971;
UPDATE temp.p SET died = date('2019-01-01', '+' || (r5 % 1600) || ' days'),
                  birth = min(birth, '1945-12-31') WHERE id >= 5972;

-- 低保: 234 households of two or more; their heads and 277 more members.
CREATE TEMP TABLE low_hh(id INTEGER PRIMARY KEY);
INSERT INTO temp.low_hh
SELECT hh.id FROM temp.hh
WHERE hh.id <= 1982 AND (SELECT count(*) FROM temp.p WHERE p.hh = hh.id AND p.id <= 5859) >= 2
ORDER BY (hh.id * 374761393 % 4294967296), hh.id LIMIT 234;
UPDATE temp.p SET low = 1 WHERE id IN (SELECT id FROM temp.low_hh);
UPDATE temp.p SET low = 1 WHERE id IN (
  SELECT id FROM temp.p WHERE id BETWEEN 1983 AND 5859 AND hh IN (SELECT id FROM temp.low_hh)
  ORDER BY r4, id LIMIT 511 - 234);

-- 流动人口: 20 two-person and 28 one-person households that rent: 68 people.
CREATE TEMP TABLE float_hh(id INTEGER PRIMARY KEY);
INSERT INTO temp.float_hh
SELECT id FROM (SELECT hh.id, (SELECT count(*) FROM temp.p WHERE p.hh = hh.id AND p.id <= 5859) AS size
                FROM temp.hh WHERE hh.id <= 1982 AND hh.id NOT IN (SELECT id FROM temp.low_hh))
WHERE size = 2 ORDER BY (id * 3266489917 % 4294967296), id LIMIT 20;
INSERT INTO temp.float_hh
SELECT id FROM (SELECT hh.id, (SELECT count(*) FROM temp.p WHERE p.hh = hh.id AND p.id <= 5859) AS size
                FROM temp.hh WHERE hh.id <= 1982 AND hh.id NOT IN (SELECT id FROM temp.low_hh))
WHERE size = 1 ORDER BY (id * 3266489917 % 4294967296), id LIMIT 28;
UPDATE temp.p SET reg = 'floating' WHERE id <= 5859 AND hh IN (SELECT id FROM temp.float_hh);

-- 重点人口: two registered men of working age.
UPDATE temp.p SET key = 1 WHERE id IN (
  SELECT id FROM temp.p WHERE id <= 5859 AND reg = 'registered' AND low = 0 AND sex = 'M'
    AND birth BETWEEN '1970-01-01' AND '1995-12-31'
  ORDER BY r5, id LIMIT 2);

-- Moved in: heads 1985–2023 (never before 18), the rest with their head or at birth.
UPDATE temp.p SET moved_in = max(date(birth, '+18 years'),
  date('1985-01-01', '+' || ((r4 * 7 + r5) % 14000) || ' days')) WHERE relation = 'head';
UPDATE temp.p SET moved_in = min(date('2023-06-30'), moved_in) WHERE relation = 'head';
UPDATE temp.p SET moved_in = (SELECT max(h.moved_in, temp.p.birth) FROM temp.p h WHERE h.id = temp.p.hh)
WHERE relation <> 'head';
UPDATE temp.p SET moved_out = max(moved_out, moved_in) WHERE moved_out IS NOT NULL;
UPDATE temp.p SET died = max(died, moved_in) WHERE died IS NOT NULL;

-- ID numbers: Urumqi district codes for registered people, elsewhere in
-- Xinjiang or inland for floating ones; sequence odd for men, even for women;
-- the ISO 7064 MOD 11-2 check character computed here in plain SQL.
UPDATE temp.p SET region = CASE WHEN reg = 'registered'
  THEN substr('650103650103650103650102650104650105650106650109650121650103', 1 + 6 * (r1 % 10), 6)
  ELSE substr('654201654202652801654002652301620102410102510104654301652901', 1 + 6 * (r1 % 10), 6) END;
UPDATE temp.p SET idn = region || replace(birth, '-', '')
  || printf('%03d', (r3 % 450) * 2 + CASE sex WHEN 'M' THEN 1 ELSE 2 END);
UPDATE temp.p SET idn = idn || substr('10X98765432', 1 + (
    7 * substr(idn, 1, 1) + 9 * substr(idn, 2, 1) + 10 * substr(idn, 3, 1) + 5 * substr(idn, 4, 1)
  + 8 * substr(idn, 5, 1) + 4 * substr(idn, 6, 1) + 2 * substr(idn, 7, 1) + 1 * substr(idn, 8, 1)
  + 6 * substr(idn, 9, 1) + 3 * substr(idn, 10, 1) + 7 * substr(idn, 11, 1) + 9 * substr(idn, 12, 1)
  + 10 * substr(idn, 13, 1) + 5 * substr(idn, 14, 1) + 8 * substr(idn, 15, 1) + 4 * substr(idn, 16, 1)
  + 2 * substr(idn, 17, 1)) % 11, 1);

-- Names by group: Han-style (surname + one or two characters; Hui, Manchu,
-- Xibe and Daur families with their usual surnames), Turkic-style
-- (given name · father's name: 努尔兰·别克), Mongol single names, Russian.
UPDATE temp.p SET name = CASE style
  WHEN 'han' THEN (SELECT t FROM temp.np WHERE pool = 'han_s' AND i = r1 % (SELECT n FROM temp.npn WHERE pool = 'han_s'))
  WHEN 'hui' THEN (SELECT t FROM temp.np WHERE pool = 'hui_s' AND i = r1 % (SELECT n FROM temp.npn WHERE pool = 'hui_s'))
  WHEN 'man' THEN (SELECT t FROM temp.np WHERE pool = 'man_s' AND i = r1 % (SELECT n FROM temp.npn WHERE pool = 'man_s'))
  ELSE '' END;
UPDATE temp.p SET name = name
  || CASE WHEN r5 % 3 = 0 THEN '' ELSE (SELECT t FROM temp.np WHERE pool = CASE sex WHEN 'M' THEN 'han_m1' ELSE 'han_f1' END
                                          AND i = r4 % 25) END
  || (SELECT t FROM temp.np WHERE pool = CASE sex WHEN 'M' THEN 'han_m2' ELSE 'han_f2' END AND i = r2 % 25)
WHERE style IN ('han','hui','man');
UPDATE temp.p SET name =
     (SELECT t FROM temp.np WHERE pool = style || CASE sex WHEN 'M' THEN '_m' ELSE '_f' END AND i = r4 % 25)
  || '·' || (SELECT t FROM temp.np WHERE pool = style || '_m' AND i = r2 % 25)
WHERE style IN ('kz','ug');
UPDATE temp.p SET name =
  (SELECT t FROM temp.np WHERE pool = CASE sex WHEN 'M' THEN 'mg_m' ELSE 'mg_f' END AND i = r4 % 25)
WHERE style = 'mg';
UPDATE temp.p SET name =
     (SELECT t FROM temp.np WHERE pool = CASE sex WHEN 'M' THEN 'ru_m' ELSE 'ru_f' END AND i = r4 % 8)
  || '·' || (SELECT t FROM temp.np WHERE pool = 'ru_s' AND i = r2 % 8) || CASE sex WHEN 'F' THEN '娃' ELSE '' END
WHERE style = 'ru';

-- Mobile numbers for people of 16 and over, not for every elderly one.
UPDATE temp.p SET phone = '1' || substr('3578935789', 1 + r5 % 10, 1)
  || printf('%09d', (id * 2654435761 + r3 * 7919) % 1000000000)
WHERE birth <= '2007-06-30' AND NOT (birth < '1950-01-01' AND r5 % 3 = 0);

-- The two 睦邻点 leaders of seed 000: 侯玉华, an old party member (Han), and
-- 巴汗台 (Kazakh), whose home is the handicraft point.
UPDATE temp.p SET name = '侯玉华' WHERE id = (
  SELECT id FROM temp.p WHERE eth = '01' AND sex = 'F' AND id <= 5859 AND reg = 'registered'
    AND low = 0 AND birth BETWEEN '1948-01-01' AND '1955-12-31' ORDER BY id LIMIT 1);
UPDATE temp.p SET name = '巴汗台' WHERE id = (
  SELECT id FROM temp.p WHERE eth = '17' AND sex = 'F' AND id <= 5859 AND reg = 'registered'
    AND low = 0 AND relation = 'head' AND birth BETWEEN '1958-01-01' AND '1966-12-31' ORDER BY id LIMIT 1);

INSERT INTO households(id, area_id, door_no, established_on, dissolved_on)
SELECT hh.id, hh.building,
       (1 + (hh.k - 1) / 12 % 3) || '-' || (1 + (hh.k - 1) % 12 / 2) || '0' || (1 + (hh.k - 1) % 2),
       (SELECT moved_in FROM temp.p WHERE p.id = hh.id OR (hh.id > 1982 AND p.hh = hh.id AND p.relation = 'head')),
       CASE WHEN hh.id > 1982 THEN (SELECT max(moved_out) FROM temp.p WHERE p.hh = hh.id) END
FROM temp.hh;

INSERT INTO residents(id, id_number, name, sex, birth_date, ethnic_code, phone, household_id, relation,
                      area_id, registration, low_income, key_person, moved_in, moved_out, died_on)
SELECT p.id, p.idn, p.name, p.sex, p.birth, p.eth, p.phone, p.hh, p.relation,
       hh.building, p.reg, p.low, p.key, p.moved_in, p.moved_out, p.died
FROM temp.p JOIN temp.hh ON hh.id = p.hh ORDER BY p.id;

DROP TABLE temp.pools; DROP TABLE temp.np; DROP TABLE temp.npn; DROP TABLE temp.eth;
DROP TABLE temp.hh; DROP TABLE temp.p; DROP TABLE temp.low_hh; DROP TABLE temp.float_hh;
COMMIT;
