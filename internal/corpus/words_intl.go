package corpus

import "strings"

// Word lists for the other languages, written for this generator, in rough
// frequency order.

// Korean: nouns take particles, sentences end in a verb.
var koNouns = strings.Fields(`
정부 대통령 국회 선거 경제 군대 국경 회담 협상 장관
북한군 병력 미사일 동맹 외교 안보 에너지 물가 시장 기업
노동자 학생 병원 의사 주민 농민 기자 보도 발표 정책
예산 세금 수출 수입 무역 환율 금리 은행 투자 성장
도시 마을 항구 철도 도로 공항 다리 해안 섬 강
위기 전쟁 평화 휴전 제재 원조 난민 지원 재건 복구
법원 판사 재판 경찰 시위 체포 검찰 헌법 개혁 법안
기후 가뭄 홍수 태풍 산불 수확 곡물 식량 전력 연료
`)

var koParticles = strings.Fields(`이 가 은 는 을 를 에 에서 와 과 의 으로 로 도`)

var koVerbs = strings.Fields(`
밝혔다 발표했다 보도했다 합의했다 거부했다 승인했다 경고했다 요구했다 지적했다 강조했다
늘었다 줄었다 올랐다 떨어졌다 시작했다 마쳤다 참여했다 방문했다 논의했다 검토했다
있다 없다 계획이다 전망이다 예정이다
`)

var koAdverbs = strings.Fields(`또한 이미 다시 아직 곧 크게 빠르게 천천히 특히 결국`)

// Chinese: words are written without spaces.
var zhWords = strings.Fields(`
政府 总统 议会 选举 经济 军队 边境 会谈 谈判 部长
导弹 联盟 外交 安全 能源 物价 市场 企业 工人 学生
医院 医生 居民 农民 记者 报道 宣布 政策 预算 税收
出口 进口 贸易 汇率 利率 银行 投资 增长 城市 村庄
港口 铁路 公路 机场 大桥 海岸 岛屿 河流 危机 战争
和平 停火 制裁 援助 难民 支持 重建 法院 法官 审判
警察 抗议 宪法 改革 法案 气候 干旱 洪水 台风 粮食
北京 上海 广州 深圳 首尔 东京 莫斯科 基辅 华盛顿 布鲁塞尔
`)

var zhVerbs = strings.Fields(`表示 宣布 报道 同意 拒绝 批准 警告 要求 指出 强调 增加 减少 上涨 下降 开始 结束 参加 访问 讨论 研究`)

var zhLinks = strings.Fields(`的 和 在 对 与 将 已经 正在 继续 进一步`)

// European languages with accents.
var frWords = strings.Fields(`
gouvernement président élection économie armée frontière négociation ministre sécurité énergie
société réforme député assemblée crise guerre paix trêve sanctions réfugiés
marché entreprise ouvriers étudiants hôpital médecins santé budget impôts dette
commerce exportations importations croissance banque intérêts région ville village côte
été hiver printemps automne année semaine journée matinée soirée opinion
accord traité sommet délégation ambassadeur déclaration conférence manifestation grève procès
`)

var frFunction = strings.Fields(`le la les un une des du de et à dans sur pour avec sans après avant selon entre`)

var frVerbs = []string{"a déclaré", "a annoncé", "a rejeté", "a approuvé", "a signé", "a critiqué",
	"a proposé", "a réclamé", "a souligné", "a précisé"}

var deWords = strings.Fields(`
Regierung Präsident Wahl Wirtschaft Streitkräfte Grenze Verhandlung Minister Sicherheit Energie
Gesellschaft Reform Abgeordnete Bundestag Krise Krieg Frieden Waffenruhe Sanktionen Flüchtlinge
Markt Unternehmen Arbeiter Studenten Krankenhaus Ärzte Gesundheit Haushalt Steuern Schulden
Handel Ausfuhr Einfuhr Wachstum Straße Brücke Küste Dorf Stadt Bürger Behörde Gericht Übereinkunft
`)

var deFunction = strings.Fields(`der die das ein eine und in auf für mit ohne nach vor über zwischen gegen`)

var deVerbs = strings.Fields(`erklärte kündigte lehnte billigte unterzeichnete kritisierte schlug forderte betonte präzisierte`)

var esWords = strings.Fields(`
gobierno presidente elección economía ejército frontera negociación ministro seguridad energía
sociedad reforma diputado congreso crisis guerra paz tregua sanciones refugiados
mercado empresa trabajadores estudiantes hospital médicos salud presupuesto impuestos deuda
comercio exportación importación crecimiento año región ciudad pueblo costa acción política
`)

var esFunction = strings.Fields(`el la los las un una y en sobre para con sin tras ante según entre del`)

var esVerbs = strings.Fields(`declaró anunció rechazó aprobó firmó criticó propuso exigió subrayó precisó`)
