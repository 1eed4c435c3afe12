"""Core messages in the user's language: Simplified Chinese when the locale asks for it."""

from __future__ import annotations

import os

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


def say(en: str, zh: str) -> str:
    """The sentence in the user's language; both are written where the message is."""
    return zh if language() == "zh" else en


# The command line's sentences, by code, for `t(code, **values)` (short core messages are
# written in place with `say(en, zh)`): code -> (English, 简体中文), filled by str.format.
CATALOGUE: dict[str, tuple[str, str]] = {
    # exit codes, shown in --help
    "help.exit_codes": (
        "exit codes: 0 ok, 1 refused by a check, 2 bad input, 130 interrupted",
        "退出码：0 成功，1 被检查拒绝，2 输入有误，130 已中断"),
    "help.quiet": ("print no progress", "不显示进度"),
    "help.format": ("table for people, json for scripts", "table 供人阅读，json 供脚本使用"),
    "help.verbose": ("more detail in the log file, and the log lines on stderr too",
                     "在日志文件中记录更多细节，并同时输出到标准错误"),
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
    "interrupt.scan": (
        "Interrupted: {done} of {total} items are scanned and saved; run `workbench scan "
        "{workspace}` again to finish the other {left}.",
        "已中断：{total} 项中已扫描并保存 {done} 项；再次运行 `workbench scan {workspace}` "
        "完成其余 {left} 项。"),
    "interrupt.export_written": (
        "Interrupted just after {path} was written, perhaps before it was recorded: delete "
        "it and export again.",
        "在写入 {path} 之后立即中断，可能尚未记录：请删除它并重新导出。"),
    "interrupt.review": (
        "Interrupted: {scanned} of {total} items are scanned and saved and {approved} are "
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
    "progress.line": ("{what}: {done}/{total} ({percent}%){eta}",
                      "{what}：{done}/{total}（{percent}%）{eta}"),
    "progress.eta": (", about {seconds} s left", "，约剩 {seconds} 秒"),
    "progress.working": ("{what}… ({seconds} s)", "{what}…（{seconds} 秒）"),
    # import summary
    "import.added": ("Imported {added} new items{kinds}.", "导入了 {added} 个新条目{kinds}。"),
    "import.present": ("{count} were already in the workspace.", "{count} 个已在工作区中。"),
    "import.people": ("{count} new people seen.", "新发现 {count} 个人。"),
    "import.note": ("Note on {path}: {note}.", "关于 {path}：{note}。"),
    "import.skipped": ("Skipped {path}: {reason}.", "已跳过 {path}：{reason}。"),
    "import.failed_head": ("{count} files could not be imported (the others were):",
                           "{count} 个文件无法导入（其余文件已导入）："),
    "import.failed_head_none": ("{count} files could not be imported; nothing was imported:",
                                "{count} 个文件无法导入，没有导入任何内容："),
    "import.failed": ("  {path}: {reason}", "  {path}：{reason}"),
    # review
    "review.decided": ("Decided {decided} findings by the default policy; approved {approved} "
                       "items.", "按默认策略决定了 {decided} 处发现；批准了 {approved} 项。"),
    "review.left": ("{count} items left to review{colon}", "还有 {count} 项待审查{colon}"),
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
    "review.decided_one": ("Finding #{id}: {decision} ({count} occurrences).",
                           "发现 #{id}：{decision}（{count} 处）。"),
    "review.decided_one_single": ("Finding #{id}: {decision} (1 occurrence).",
                                  "发现 #{id}：{decision}（1 处）。"),
    "review.redacted_single": ("Redacted 1 span (finding {ids}).", "已涂黑 1 处（发现 {ids}）。"),
    "review.items": ("{count} items ({state}){colon}", "{count} 项（{state}）{colon}"),
    "review.item": ("  {id}  {state:<9} [{kind}] {title}", "  {id}  {state:<9}［{kind}］{title}"),
    "review.state_with": ("--state and --all go with --list.",
                          "--state 和 --all 只能与 --list 一起使用。"),
    "review.redacted": ("Redacted {count} spans (findings {ids}).",
                        "已涂黑 {count} 处（发现 {ids}）。"),
    "review.boxed": ("Covered the area (finding {ids}).", "已遮盖该区域（发现 {ids}）。"),
    "review.approved": ("Approved {id}  {title}", "已批准 {id}  {title}"),
    "review.excluded": ("Excluded {id}  {title}: it will not be exported.",
                        "已排除 {id}  {title}：它不会被导出。"),
    "review.undone": ("Undid the last review step ({count} changes).",
                      "已撤销上一步审查（{count} 处更改）。"),
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
    "review.box_outside": ("The area {value} is outside the {width}×{height} picture.",
                           "区域 {value} 超出了 {width}×{height} 的图片。"),
    "review.not_image": ("{id} is not an image; use --redact {id} --span START:END.",
                         "{id} 不是图片；请用 --redact {id} --span START:END。"),
    "review.image_out_only": ("--image-out goes with --show of an image.",
                              "--image-out 只能与图片的 --show 一起使用。"),
    "review.span_needed": ("Give the span to redact with --span START:END.",
                           "请用 --span START:END 给出要涂黑的范围。"),
    "review.span_with": ("--span goes with --redact.", "--span 只能与 --redact 一起使用。"),
    "review.everywhere_with": ("--everywhere goes with --decide or --redact.",
                               "--everywhere 只能与 --decide 或 --redact 一起使用。"),
    "review.refused_some": ("{count} of {total} items were not changed.",
                            "{total} 项中有 {count} 项未更改。"),
    # review targets
    "target.none": ("No item {ref!r} in this workspace; `workbench review WS --list` shows "
                    "the ids.",
                    "此工作区中没有条目 {ref!r}；`workbench review WS --list` 会列出 ID。"),
    "target.ambiguous": ("{ref!r} matches {count} items; give more of the id.",
                         "{ref!r} 匹配 {count} 个条目；请给出更长的 ID。"),
    # scan
    "scan.empty": ("The workspace holds nothing to scan yet; import material first: "
                   "`workbench import {workspace} FILES…`.",
                   "工作区中还没有可扫描的内容；请先导入材料："
                   "`workbench import {workspace} 文件…`。"),
    "scan.done": ("Scanned {scanned} items ({unchanged} unchanged since the last scan); "
                  "{findings} findings.",
                  "扫描了 {scanned} 项（{unchanged} 项自上次扫描后未变）；{findings} 处发现。"),
}


def t(code: str, **values: object) -> str:
    """The sentence for `code` in the user's language, filled with `values`."""
    english, chinese = CATALOGUE[code]
    return (chinese if language() == "zh" else english).format(**values)
