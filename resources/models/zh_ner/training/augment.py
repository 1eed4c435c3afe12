"""Seeded generator of synthetic workplace-chat sentences for the zh NER model.

Purpose: raise PERSON recall on short, informal workplace messages ("张伟说明天开会",
"请联系王芳", "@李娜 收到", "陈总您好"), which are rare in the encyclopedic UD GSDSimp
sentences, and add name-free chat lines as negatives ("谢谢大家", "收到，明天发布").

Annotation convention follows Universal NER (and CLUENER / Weibo PER.NAM): titles / honorifics (总, 经理, 老师, 先生 …)
are NOT part of the PERSON span, so "陈总您好" -> PERSON "陈".

Output rows use the same JSON schema as data/*.jsonl. Names that occur as PERSON spans in
the held-out dev sentences (../../ner_splits) are never generated, so dev scores are not inflated by memorised names.

Also (--n-swap) copies real UNER and Weibo training sentences with their PERSON mentions replaced by other
names (mention replacement), so the model sees varied names in natural contexts.

    python augment.py --out corpus/synthetic.jsonl --n-pos 2400 --n-neg 900 --n-swap 1 --seed 13
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "ner_splits"))
import corpora  # noqa: E402 - path set-up above

SURNAMES_1 = list(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴"
    "霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑"
    "景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
SURNAMES_2 = [
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "令狐",
    "夏侯", "轩辕", "端木", "独孤", "南宫", "西门", "呼延", "澹台", "万俟", "闻人", "赫连", "钟离", "申屠",
]
GIVEN_CHARS = list(
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉宇浩婷雪琳欣怡晨博子轩涵梓然思雨嘉佳俊文"
    "斌凯峰亮彬飞健睿昊瑶颖倩晶慧丹蕾莉琪璐薇颖鑫晓建国志海波宁东旭阳帆毅诚源泽航逸晗悦彤诗梦雅婧岚珊蓉"
    "燕霖森林楠琦璇妍菲露洁坤荣斐翔铭哲宏振成龙凤春秋冬梅竹松柏德永庆光耀威松江河山云天福祥瑞安康乐心"
)
# A few given names that are real words, to teach context over lexicon.
GIVEN_WORDS = ["建国", "国庆", "春花", "秋菊", "志强", "海燕", "晓明", "小红", "小军", "子涵", "一鸣", "思远"]
LATIN_NAMES = ["Tom", "Lucy", "Kevin", "Amy", "Jason", "Linda", "Eric", "Grace", "David", "Cindy", "Leo", "Iris",
               "Mike", "Sophia", "Jack", "Emma", "Peter", "Vivian", "Alex", "Nina"]
TITLES = ["总", "经理", "老师", "主任", "工", "姐", "哥", "老板", "总监", "律师", "医生", "先生", "女士", "博士", "处长", "科长", "部长"]
LOCATIONS = ["北京", "上海", "深圳", "广州", "杭州", "成都", "武汉", "南京", "西安", "苏州", "香港", "台北", "新加坡",
             "东京", "伦敦", "纽约", "重庆", "天津", "厦门", "青岛"]
ORGS = ["腾讯", "阿里巴巴", "华为", "字节跳动", "百度", "小米", "京东", "美团", "中国银行", "招商银行", "清华大学",
        "北京大学", "复旦大学", "网易", "联想", "中兴", "国家税务总局", "人民日报"]

# {P}/{Q}: full person name; {S}: surname (span) used with a following {T} title (not in span);
# {L}: location; {O}: organisation.
POS_TEMPLATES = [
    "{P}说明天开会", "请联系{P}", "@{P} 收到", "@{P} 好的，马上处理", "{S}{T}您好", "{S}{T}，方案已经发您邮箱了",
    "{P}今天请假", "{P}，下午三点的会还开吗？", "麻烦{P}帮忙看一下", "我已经把文件发给{P}了", "抄送{P}和{Q}",
    "{P}和{Q}负责这个项目", "刚才{P}打电话找你", "{P}：收到", "{P}：好的", "谢谢{P}！", "感谢{S}{T}的支持",
    "{P}明天去{L}出差", "{P}在{O}工作", "{S}{T}说下周一之前要交", "跟{P}确认一下时间", "{P}已离职，请找{Q}",
    "这件事问{P}吧", "我是{P}，请多关照", "大家好，我是{O}的{P}", "{P}的电话是多少？", "请把报告交给{S}{T}",
    "{P}生日快乐！", "欢迎{P}加入团队", "{P}（{O}）今天到访", "周五和{P}一起吃饭", "{Q}让我转告{P}，会议改期了",
    "{P}同学，作业交了吗", "已转给{P}处理", "{P}负责{L}的客户", "@{P} @{Q} 请查收", "回复{P}：同意",
    "{S}{T}在{L}开会，晚点回复", "{P}，你那边进度怎么样了？", "我和{P}在会议室", "{P}你好，我是{Q}",
    "审批人：{P}", "联系人：{P}，电话稍后补充", "{P}刚发了新版本", "把{P}拉进群", "{P}请假了，由{Q}代班",
    "老{S}，晚上一起吃饭吗？", "小{S}，帮我打印一下", "{P}老师好", "{P}经理，合同已盖章",
]
NEG_TEMPLATES = [
    "谢谢大家", "收到，明天发布", "好的，马上处理", "会议改到下午三点", "大家辛苦了", "今天的周报请在六点前提交",
    "收到", "好的", "明白", "没问题", "已处理", "稍等一下", "辛苦了", "麻烦大家看一下", "这个需求下周上线",
    "请大家准时参加", "文档已经更新", "测试环境挂了，正在排查", "上线时间待定", "周五团建，请报名", "客户反馈不错",
    "请假一天，家里有事", "我晚点回复", "已转发", "明天见", "早上好", "中午一起吃饭吗", "合同已经签了",
    "预算还需要再审批", "方案通过了", "会议纪要见附件", "这个问题已经修复", "请查收附件", "下周一开始实施",
    "群里的通知大家看一下", "经理说可以", "老师说明天考试", "领导同意了", "总监在开会", "客户明天来访",
    "大家好，欢迎新同事", "生日快乐！", "新年快乐，万事如意", "数据已经导出", "服务器重启完成",
    "安全检查通过", "报销单已提交", "发票抬头写公司全称", "记得打卡", "发布窗口是晚上十点",
]
NEG_PARTS_A = ["今天", "明天", "下午", "周一", "本周", "下周", "月底", "晚上", "马上", "稍后"]
NEG_PARTS_B = ["开会", "发版", "对账", "复盘", "评审", "培训", "加班", "出差", "面试", "验收"]
NEG_PARTS_C = ["，收到请回复", "，请准时参加", "", "，谢谢", "，辛苦大家", "，有问题随时说"]


def dev_person_names() -> set[str]:
    """PERSON names of the held-out dev sentences (CLUENER, Weibo): never generated."""
    names: set[str] = set()
    for corpus in ("cluener", "weibo"):
        for s in corpora.load(corpus):
            if s.part == "dev":
                names.update(s.text[a:b] for a, b, lab in s.spans if lab == "PERSON")
    return names


def make_name(rng: random.Random, banned: set[str]) -> str:
    while True:
        r = rng.random()
        if r < 0.05:
            name = rng.choice(LATIN_NAMES)
        else:
            surname = rng.choice(SURNAMES_2) if rng.random() < 0.12 else rng.choice(SURNAMES_1)
            if rng.random() < 0.1:
                given = rng.choice(GIVEN_WORDS)
            elif rng.random() < 0.45:
                given = rng.choice(GIVEN_CHARS)
            else:
                given = rng.choice(GIVEN_CHARS) + rng.choice(GIVEN_CHARS)
            name = surname + given
        if name not in banned:
            return name


def fill(template: str, rng: random.Random, banned: set[str]) -> dict:
    text, spans, i = "", [], 0
    used: set[str] = set()
    while i < len(template):
        if template[i] == "{":
            key = template[i + 1]
            if key in "PQ":
                value, label = make_name(rng, banned | used), "PERSON"
                used.add(value)
            elif key == "S":
                value = rng.choice(SURNAMES_2) if rng.random() < 0.15 else rng.choice(SURNAMES_1)
                label = "PERSON"
            elif key == "T":
                value, label = rng.choice(TITLES), None
            elif key == "L":
                value, label = rng.choice(LOCATIONS), "LOCATION"
            elif key == "O":
                value, label = rng.choice(ORGS), "ORG"
            else:
                raise ValueError(template)
            if label:
                spans.append({"start": len(text), "end": len(text) + len(value), "label": label, "text": value})
            text += value
            i += 3
        else:
            text += template[i]
            i += 1
    return {"text": text, "spans": spans}


def swap_names(n_copies: int, rng: random.Random, banned: set[str]) -> list[dict]:
    """Mention replacement: copy each UNER *train* sentence that has PERSON spans and replace
    every PERSON mention with another name (half from the train PERSON pool, half generated),
    keeping the real sentence context. LOCATION/ORG spans are re-offset unchanged."""
    train = [
        {"id": f"{s.corpus}-{s.index}", "text": s.text,
         "spans": [{"start": a, "end": b, "label": lab, "text": s.text[a:b]} for a, b, lab in s.spans]}
        for corpus in ("uner_zh", "weibo") for s in corpora.load(corpus) if s.part == "train"
    ]
    pool = sorted({s["text"] for r in train for s in r["spans"] if s["label"] == "PERSON"} - banned)
    rows = []
    for k in range(n_copies):
        for r in train:
            if not any(s["label"] == "PERSON" for s in r["spans"]):
                continue
            text, spans, pos, mapping = "", [], 0, {}
            for sp in sorted(r["spans"], key=lambda s: s["start"]):
                text += r["text"][pos : sp["start"]]
                value = sp["text"]
                if sp["label"] == "PERSON":
                    if value not in mapping:  # same name -> same replacement within a sentence
                        mapping[value] = rng.choice(pool) if rng.random() < 0.5 else make_name(rng, banned)
                    value = mapping[value]
                spans.append({"start": len(text), "end": len(text) + len(value), "label": sp["label"], "text": value})
                text += value
                pos = sp["end"]
            text += r["text"][pos:]
            rows.append({"id": f"synthetic-swap{k}-{r['id']}", "lang": "zh", "source": "synthetic", "text": text, "spans": spans})
    return rows


def generate(n_pos: int, n_neg: int, seed: int, n_swap: int = 0) -> list[dict]:
    rng = random.Random(seed)
    banned = dev_person_names()
    rows = swap_names(n_swap, rng, banned)
    for k in range(n_pos):
        row = fill(rng.choice(POS_TEMPLATES), rng, banned)
        rows.append({"id": f"synthetic-pos-{k}", "lang": "zh", "source": "synthetic", **row})
    for k in range(n_neg):
        if rng.random() < 0.5:
            text = rng.choice(NEG_TEMPLATES)
        else:
            text = rng.choice(NEG_PARTS_A) + rng.choice(NEG_PARTS_B) + rng.choice(NEG_PARTS_C)
        rows.append({"id": f"synthetic-neg-{k}", "lang": "zh", "source": "synthetic", "text": text, "spans": []})
    rng.shuffle(rows)
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=HERE / "corpus" / "synthetic.jsonl")
    ap.add_argument("--n-pos", type=int, default=2400)
    ap.add_argument("--n-neg", type=int, default=900)
    ap.add_argument("--n-swap", type=int, default=1, help="name-swapped copies of each UNER train sentence with PERSON")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    rows = generate(args.n_pos, args.n_neg, args.seed, args.n_swap)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} synthetic rows to {args.out}")


if __name__ == "__main__":
    main()
