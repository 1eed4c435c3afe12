"""SECRET recognizer: credentials, API tokens, private keys and passwords pasted into chat/email.

Speed (measured on the dev box, CPython 3.11, full `analyze()` call): a message without any
trigger substring is rejected by the pre-check in ~1-2 µs; one that mentions e.g. "key"
in prose costs ~11 µs; one carrying a password and a token ~35 µs. 10,000 mixed ordinary
English/Chinese chat messages take ~26-36 ms. Every rule is linear in the text length: the
rules that allow words between a cue and its value ("pw for the admin console: X", "mysql …
-pX") bound how far they look.

Token formats reuse detect-secrets' plugin regexes and helpers (denylist patterns, JWT validity,
Shannon entropy). Only pure plugin attributes are used: `analyze_line` consults global settings
and may call `verify()`, which goes to the network, so it is never called.
"""

import bisect
import re
from collections.abc import Callable, Iterator

from detect_secrets.plugins.aws import AWSKeyDetector
from detect_secrets.plugins.basic_auth import BasicAuthDetector
from detect_secrets.plugins.github_token import GitHubTokenDetector
from detect_secrets.plugins.gitlab_token import GitLabTokenDetector
from detect_secrets.plugins.high_entropy_strings import (
    Base64HighEntropyString,
    HexHighEntropyString,
)
from detect_secrets.plugins.jwt import JwtTokenDetector
from detect_secrets.plugins.mailchimp import MailchimpDetector
from detect_secrets.plugins.pypi_token import PypiTokenDetector
from detect_secrets.plugins.sendgrid import SendGridDetector
from detect_secrets.plugins.slack import SlackDetector
from detect_secrets.plugins.square_oauth import SquareOAuthDetector
from detect_secrets.plugins.stripe import StripeDetector
from detect_secrets.plugins.telegram_token import TelegramBotTokenDetector
from presidio_analyzer import EntityRecognizer, RecognizerResult
from presidio_analyzer.nlp_engine import NlpArtifacts

from workbench.core.pii.recognizers.base import result

# Python's \b and \w count hanzi as word characters, so "群里了：AKIA…" or "key是AKIA…" would
# never match with \b; ASCII-only lookarounds delimit tokens against CJK text and longer words.
_START = r"(?<![A-Za-z0-9])"
_END = r"(?![A-Za-z0-9_])"
# Tokens whose body contains "-" must not restart inside a "-"-joined run, or "sk-sk-sk-…"
# rescans the rest of the text at every "sk-" (quadratic on long pastes).
_DASH_START = r"(?<![A-Za-z0-9_-])"
_DASH_END = r"(?![A-Za-z0-9_-])"

_Rule = tuple[re.Pattern[str], float, Callable[[str], bool] | None]


def _bounded(
    pattern: re.Pattern[str] | str, tail: str = _END, head: str = _START
) -> re.Pattern[str]:
    # detect-secrets scans code lines and leaves token edges open; re-anchor with ASCII
    # semantics so the plugin's own \w / (?!\w) also stop at hanzi.
    flags = re.ASCII
    if isinstance(pattern, re.Pattern):
        flags |= pattern.flags & (re.IGNORECASE | re.VERBOSE)
        pattern = pattern.pattern
    return re.compile(f"{head}(?:{pattern}){tail}", flags)


def _has_digit(token: str) -> bool:
    return any(c.isdigit() for c in token)


def _mixed_alnum(token: str) -> bool:
    # Random keys always mix case and digits; prose like "sk-learn-is-a-…" does not.
    return (
        any(c.isdigit() for c in token)
        and any(c.islower() for c in token)
        and any(c.isupper() for c in token)
    )


_TOKEN_RULES: tuple[_Rule, ...] = (
    (_bounded(AWSKeyDetector.denylist[0]), 0.95, None),
    *((_bounded(p), 0.95, None) for p in GitHubTokenDetector.denylist),
    # Fine-grained PATs postdate the plugin.
    (_bounded(r"github_pat_[A-Za-z0-9_]{22,255}"), 0.95, None),
    *((_bounded(p, tail=""), 0.95, None) for p in GitLabTokenDetector.denylist),
    *((_bounded(p), 0.95, None) for p in SlackDetector.denylist),
    # App-level tokens (xapp-) are missing from the plugin.
    (_bounded(r"xapp-\d+-[A-Za-z0-9-]{20,}", _DASH_END, _DASH_START), 0.95, None),
    # The plugin stops at 24 chars but newer Stripe keys are longer; redact the whole key.
    (_bounded(StripeDetector.denylist[0], tail=r"[0-9A-Za-z]*" + _END), 0.95, None),
    # The same keys as people retype them in chat, with hyphens: "sk-live-4f9a8b…".
    (_bounded(r"[rs]k-live-[0-9A-Za-z]{16,}", _DASH_END, _DASH_START), 0.95, _has_digit),
    (_bounded(r"AIza[0-9A-Za-z_-]{35}", _DASH_END), 0.95, None),
    (_bounded(SendGridDetector.denylist[0], _DASH_END), 0.95, None),
    *((_bounded(p, _DASH_END), 0.95, None) for p in PypiTokenDetector.denylist),
    (_bounded(SquareOAuthDetector.denylist[0], _DASH_END), 0.95, None),
    (_bounded(MailchimpDetector.denylist[0]), 0.95, _has_digit),
    (_bounded(TelegramBotTokenDetector.denylist[0], _DASH_END), 0.9, _mixed_alnum),
    # npm's plugin wants an .npmrc line; the token's own shape is enough in chat.
    (_bounded(r"npm_[A-Za-z0-9]{36}"), 0.95, _mixed_alnum),
    # Alibaba Cloud AccessKey IDs and Tencent Cloud SecretIds.
    (_bounded(r"LTAI[0-9A-Za-z]{12,20}"), 0.95, _mixed_alnum),
    (_bounded(r"AKID[0-9A-Za-z]{32}"), 0.95, _mixed_alnum),
    # Not OpenAIDetector's regex: it needs the legacy T3BlbkFJ marker (absent from sk-proj-…
    # keys) and its leading [..]* backtracks quadratically; this rule covers legacy keys too.
    (_bounded(r"sk-[A-Za-z0-9_-]{32,}", _DASH_END, _DASH_START), 0.9, _mixed_alnum),
    # The plugin's JWT regex ends lazily and would leave the signature unredacted.
    (
        _bounded(
            r"eyJ[A-Za-z0-9_-]+={0,2}\.eyJ[A-Za-z0-9_-]+={0,2}\.[A-Za-z0-9_-]*={0,2}",
            r"(?![A-Za-z0-9_=-])",
            _DASH_START,
        ),
        0.95,
        JwtTokenDetector.is_formally_valid,
    ),
)

# Whole block, not just the header the plugin flags; a paste cut off before END still
# redacts everything after BEGIN. Generic so ENCRYPTED/OPENSSH/PGP/SSH2 headers all match.
_PRIVATE_KEY = re.compile(
    r"-{4,5} ?BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)? ?-{4,5}"
    r".*?(?:-{4,5} ?END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)? ?-{4,5}|\Z)",
    re.DOTALL,
)

# Password group 1 from the plugin is the password itself.
_BASIC_AUTH = BasicAuthDetector.denylist[0]

# Characters that end a chat-pasted password: whitespace, CJK punctuation/ideographs, full-width.
_VALUE = r"[^\s\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+"
# detect-secrets' KeywordDetector wants code syntax (quotes, `=`); chat needs prose forms.
_PASSWORD = re.compile(
    r"(?:pass(?:word|wd|phrase)|pwd|(?<![A-Za-z])pw(?![A-Za-z])|口令|密码|密碼)[\"'`\]]?"
    r"(?:(?P<sep>[ \t]*(?::=|=>|[:：=]|是|为|為)[ \t]*(?:[:：][ \t]*)?)"
    r"|(?P<verb>[ \t]*(?:(?:(?:was|been|is)[ \t]+)?(?:re)?set[ \t]+to|changed[ \t]+to|to|"
    r"改成|改为|改為|设为|设置为|设置成|换成|重置为|重置成)[ \t]*[:：]?[ \t]*)"
    r"|(?P<bare>[ \t]+(?:(?:is|was)[ \t]+)?|(?<=[令码碼])))"
    rf"[\"'`]?(?P<value>{_VALUE})",
    re.IGNORECASE,
)
# Sentence punctuation after a prose password is not part of it ("…password Xh#2024!root.").
_TRAILING = ".,;:\"'`)]}>"
# "password: see the wiki", "pw: ask me", "密码: same as before": after the cue, a word that
# points elsewhere and starts a sentence is not the password. Only these words, and only when
# more words follow (or it is "none"/"tbd" alone), so "password: hunter2" still counts.
_POINTERS = frozenset({
    "see", "ask", "check", "same", "sent", "in", "on", "at", "the", "via", "from", "below",
    "above", "attached", "unchanged", "none", "tbd", "pending", "dm", "ping",
})
_POINTER_ALONE = frozenset({"none", "tbd", "pending", "unchanged"})
_NEXT_WORD = re.compile(r"[ \t]+[A-Za-z]")
# A bare "password X" only counts when X looks like a password, not an English word.
_PASSWORDISH = re.compile(r"\d|[!@#$%^&*_+=~?](?=.)")

_CANDIDATE = re.compile(r"(?<![A-Za-z0-9+/_-])[A-Za-z0-9+/_-]{20,}={0,2}(?![A-Za-z0-9+/=_-])")
_HEX = re.compile(r"[0-9a-fA-F]{32,}")
_AWS_SECRET = re.compile(r"[A-Za-z0-9/+]{40}")
_CONTEXT_WINDOW = 40
# camelCase keys (apiKey, accessToken) are word-glued, so allow an upper-case start after
# a lower-case letter; otherwise demand a non-letter before so "monkey"/"keyboard" don't count.
_CONTEXT = re.compile(
    r"(?:(?<![A-Za-z])(?i:api[_-]?key|key|token|secret)|(?<=[a-z])(?:Key|KEY|Token|TOKEN|Secret|SECRET))"
    r"s?(?![a-z])|密钥|秘钥|令牌"
)
_AWS_CONTEXT = re.compile(r"(?<![A-Za-z])(?i:aws|secret)")
_B64 = Base64HighEntropyString()
_HEXES = HexHighEntropyString()

# Every rule above needs one of these (lower-cased) substrings; `in` on a short str is far
# cheaper than any combined regex, and most messages contain none of them. Prefixes that
# carry "_" or "-" are only probed when that character occurs, halving the typical cost.
_TRIGGERS = (
    "key", "token", "secret", "aws", "passw", "passphrase", "pw", "akia", "asia", "abia",
    "ltai", "akid",
    "cred", "login", "账号密码", "用户名密码", "账密",
    "pass:", "pass：", "pass=", "passcode", "mysql", "mariadb", "sshpass", "requirepass",
    "acca", "a3t", "xox", "aiza", "eyj", "hooks.slack", "gr1348941", "sg.",
    "口令", "密码", "密碼", "密钥", "秘钥", "密匙", "令牌",
)
_UNDERSCORE_TRIGGERS = (
    "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "k_live_", "npm_",
)
_DASH_TRIGGERS = (
    "sk-", "xapp-", "glpat-", "gldt-", "glft-", "glsoat-", "glrt-", "glcbt-", "glimt-", "glptt-",
    "glagent-", "gloas-", "k-live-", "pypi-", "sq0csp-", "-us", "redis-cli",
)
_GATED_TRIGGERS = (("", _TRIGGERS), ("_", _UNDERSCORE_TRIGGERS), ("-", _DASH_TRIGGERS))
# A Telegram bot token has no fixed prefix: "123456789:AA…".
_TELEGRAM_HINT = re.compile(r"\d{8}:[0-9A-Za-z_-]{8}")


class SecretRecognizer(EntityRecognizer):
    """Finds credentials; spans cover the secret value only, never the keyword before it."""

    name: str  # set by Presidio's __init__, which carries no annotations

    ENTITY = "SECRET"

    def __init__(self, supported_language: str = "en") -> None:
        super().__init__(supported_entities=[self.ENTITY], supported_language=supported_language)

    def load(self) -> None:
        pass  # all patterns are module-level and compiled at import

    def analyze(
        self, text: str, entities: list[str], nlp_artifacts: NlpArtifacts | None = None
    ) -> list[RecognizerResult]:
        if entities and self.ENTITY not in entities:
            return []
        if not self._may_contain_secret(text):
            return []
        # Rules run most-specific first, so a token inside "password: ghp_…" keeps its token
        # score and is not reported twice by the weaker rules. Kept sorted and probed with
        # bisect because a pasted dump can yield thousands of candidates.
        spans: list[tuple[int, int, float]] = []
        for start, end, score in self._candidates(text):
            at = bisect.bisect_left(spans, (start,))
            if (at and spans[at - 1][1] > start) or (at < len(spans) and spans[at][0] < end):
                continue
            spans.insert(at, (start, end, score))
        return [result(self.name, self.id, self.ENTITY, *span) for span in spans]

    @staticmethod
    def _may_contain_secret(text: str) -> bool:
        lowered = text.lower()
        # Plain loops: any(generator) costs ~0.5 µs more per message, paid 100k times.
        for gate, triggers in _GATED_TRIGGERS:
            if gate in lowered:
                for trigger in triggers:
                    if trigger in lowered:
                        return True
        if ":" in text and _TELEGRAM_HINT.search(text):
            return True
        # "pin" and "auth" are inside common words (shipping, author); probe the rule itself.
        if "pin" in lowered and _PIN.search(text):
            return True
        if "auth" in lowered and _AUTH.search(text):
            return True
        return "://" in text and "@" in text  # basic auth in a URL

    @staticmethod
    def _candidates(text: str) -> Iterator[tuple[int, int, float]]:
        for match in _PRIVATE_KEY.finditer(text):
            yield match.start(), match.end(), 1.0
        for pattern, score, valid in _TOKEN_RULES:
            for match in pattern.finditer(text):
                if valid is None or valid(match.group()):
                    yield match.start(), match.end(), score
        for match in _BASIC_AUTH.finditer(text):
            yield match.start(1), match.end(1), 0.9
        if "://" in text:
            for match in _CONNECTION_STRING.finditer(text):
                yield match.start("value"), match.end("value"), 0.9
        yield from _assignments(text)
        yield from _commands(text)
        yield from _passwords(text)
        yield from _named_keys(text)
        yield from _high_entropy(text)


# "postgres://admin:S3cret!@10.0.0.5:5432/pay": basic auth whose password has characters a URL
# should escape but people paste unescaped; the password runs to the last "@" before the host.
_CONNECTION_STRING = re.compile(
    r"://[^\s:/?#@]{1,64}:(?P<value>[^\s/?#]{1,128})@(?=[A-Za-z0-9\[])", re.ASCII)
# "api_key = abc123", "client_secret: 'x9…'", "AccessKeySecret=…", "SecretKey = …": a key-like
# name assigned a value with a digit or symbol, spaces around "=" or ":" allowed.
_ASSIGNMENT = re.compile(
    # The name may end a longer one ("AWS_SECRET_ACCESS_KEY"): a lookbehind, not a repeated
    # prefix group, which would make "sk-sk-sk-…" quadratic.
    r"(?:(?<![A-Za-z0-9])|(?<=[_-]))(?i:api[_-]?key|secret(?:[_-]?(?:key|id))?|"
    r"access[_-]?key(?:[_-]?(?:id|secret))?|accesskeysecret|secretkey|token|auth[_-]?token|"
    r"client[_-]?secret|private[_-]?key|credentials?)"
    r"[\"'`]?[ \t]*(?::=|=>|[:：=])[ \t]*[\"'`]?(?P<value>[^\s\"'`,;\u3000-\u303f\u4e00-\u9fff"
    r"\uff00-\uffef]{6,256})"
)
# A reference to where the secret lives is not the secret: "${API_KEY}", "os.environ[…]".
_REFERENCES = ("$", "{", "<", "%", "os.environ", "process.env", "env.", "getenv")
_ASSIGNED_SECRETISH = re.compile(r"\d|[!@#$%^&*_+=~?/]")


def _assignments(text: str) -> Iterator[tuple[int, int, float]]:
    for match in _ASSIGNMENT.finditer(text):
        value = match.group("value").rstrip(_TRAILING)
        if (len(value) >= 6 and _ASSIGNED_SECRETISH.search(value) and "://" not in value
                and not value.startswith(_REFERENCES) and _EMAIL.fullmatch(value) is None):
            yield match.start("value"), match.start("value") + len(value), 0.85


# "creds admin / X", "账号密码 admin/X": the value after the slash is the password.
_CREDENTIAL_PAIR = re.compile(
    r"(?:(?<![A-Za-z])(?i:creds?|credentials|login)|账号密码|用户名密码|账密)"
    r"(?:[ \t]+(?i:are|is|were|was)(?![A-Za-z]))?[ \t]*(?:[:：=]|是|为)?[ \t]*"
    rf"[^\s/]{{1,64}}[ \t]*/[ \t]*(?P<value>{_VALUE})"
)
# "…the password is still the default. New one: X" — only where a password is talked about.
_NEW_ONE = re.compile(
    r"(?:(?<![A-Za-z])(?i:new one|new password|the new one)|新的|新密码)[ \t]*(?:is|是|为)?"
    rf"[ \t]*[:：]?[ \t]*(?P<value>{_VALUE})"
)


# Characters of a chat-pasted value, and the same value demanded to carry a letter and a
# digit or symbol. Checked inside the regex, not after it, so "password is same as before:
# X" backtracks past the word "same" to the colon instead of giving up on the match.
_VCH = r"[^\s\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]"
_CUED_VALUE = (
    rf"[\"'`]?(?=[\"'`]?{_VCH}{{0,64}}?[A-Za-z])(?=[\"'`]?{_VCH}{{0,64}}?[0-9!@#$%^&*_+=~?])"
    rf"(?P<value>{_VCH}+)"
)
# "pw for the admin console: X", "password is same as before: X", "the password for prod is
# X", "new password → X", "login: admin, pass: X". A few words may sit between the cue and
# its value; they stop at sentence punctuation so the cue cannot reach a later sentence.
# A bare "pass" (passed, pass the ball) only counts right before ":" or "=".
_PASSWORD_CUE = re.compile(
    r"(?<![A-Za-z])(?:(?i:pass(?:word|wd|phrase|code)s?|pwd|pw)(?![A-Za-z])"
    r"(?:[ \t]+[^\s:：=→.,;!?。，；！？\"'`]{1,24}){0,6}?"
    r"(?:[ \t]*(?:[:：=→]|->|=>)|[ \t]+(?i:is|was|are)(?:[ \t]*[:：])?)"
    r"|(?i:pass)[ \t]*[:：=])[ \t]*" + _CUED_VALUE
)
# 'the passphrase is "correct horse battery staple"': a quoted phrase is kept whole.
_QUOTED_PASSPHRASE = re.compile(
    r"(?:(?<![A-Za-z])(?i:pass(?:word|phrase)|pwd)(?![A-Za-z])|密码|密碼|口令)"
    r"(?:[ \t]+(?i:is|was)|[ \t]*(?:[:：=]|是|为|為))?[ \t]*"
    r"[\"“'「](?P<value>[^\"”'」\n]{3,128})[\"”'」]"
)
# Words a quoted phrase starts with when it describes the password instead of being one.
_PHRASE_STOPWORDS = frozenset(
    {"the", "a", "an", "not", "same", "your", "my", "our", "in", "on", "at", "still", "too"}
)
# "密码就是我生日加名字 X", "密码发你了：X", "密码改成了 X": a short Chinese clause between the
# cue and an ASCII value.
_ZH_PASSWORD = re.compile(
    r"(?:密码|密碼|口令)(?P<filler>[\u4e00-\u9fff]{1,12})[ \t]*(?:[:：=]|→)?[ \t]*[\"'`“‘]?"
    r"(?P<value>[!-~]{6,128})"
)
# A clause about passwords in general, not one password: "密码管理器用 1Password".
_ZH_GENERAL = ("学", "管理", "策略", "规则", "长度", "强度", "要求", "格式", "字段", "器", "位数",
               "复杂度", "规范")
# "90days", "12chars": a quantity and its unit, not a password.
_QUANTITY = re.compile(r"\d+[A-Za-z]{1,7}")
# "my pin is 4821", "PIN: 482193", "PIN码 4821": 4-8 digits right after an explicit PIN cue.
_PIN = re.compile(
    r"(?<![A-Za-z])(?i:pin)(?:[ \t]*(?i:code|number))?(?![A-Za-z])"
    r"(?:[ \t]+(?i:is|was)[ \t]*[:：]?[ \t]*|[ \t]*(?:[:：=]|是|为|為)[ \t]*|[ \t]*码[ \t]*"
    r"(?:[:：=]|是|为|為)?[ \t]*)"
    r"(?P<value>\d{4,8})(?![0-9A-Za-z]|[.:/-]\d)"
)
# "redis 的 auth 是 X", "requirepass X": Redis' password settings.
_AUTH = re.compile(
    r"(?<![A-Za-z0-9])(?:(?i:auth)(?![A-Za-z])"
    r"(?:[ \t]+(?i:is|was)[ \t]+|[ \t]*(?:[:：=]|是|为|為)[ \t]*)"
    r"|(?i:requirepass|masterauth)(?:[ \t]*[:：=][ \t]*|[ \t]+))"
    rf"[\"'`]?(?P<value>{_VCH}{{8,256}})"
)


def _password_like(value: str, min_len: int = 6) -> bool:
    """Long enough, a letter and a digit or symbol, and not a reference, URL, e-mail address,
    path, version or quantity."""
    return (
        min_len <= len(value) <= 128
        and any(c.isalpha() for c in value)
        and _PASSWORDISH.search(value) is not None
        and not value.startswith(_REFERENCES)
        and "://" not in value
        and _EMAIL.fullmatch(value) is None
        and _PATH_START.match(value) is None
        and _VERSION.fullmatch(value) is None
        and _QUANTITY.fullmatch(value) is None
    )


def _points_elsewhere(value: str, text: str, end: int) -> bool:
    word = value.lower()
    if word not in _POINTERS:
        return False
    return word in _POINTER_ALONE or _NEXT_WORD.match(text, end) is not None


def _passwords(text: str) -> Iterator[tuple[int, int, float]]:
    # First: the prose rule below would stop a quoted phrase at its first space.
    for match in _QUOTED_PASSPHRASE.finditer(text):
        value = match.group("value").strip()
        words = value.split()
        if (len(words) >= 3 and words[0].lower() not in _PHRASE_STOPWORDS) or (
            len(words) == 1 and _password_like(value, 4)
        ):
            start = match.start("value") + match.group("value").index(value)
            yield start, start + len(value), 0.85
    for match in _PASSWORD.finditer(text):
        # "Password=X;Database=pay": a connection string's next field is not the password.
        value = _NEXT_FIELD.split(match.group("value"), 1)[0].rstrip(_TRAILING)
        if not value:
            continue
        if match.group("sep") is None and (len(value) < 4 or not _PASSWORDISH.search(value)):
            continue
        if _points_elsewhere(value, text, match.start("value") + len(value)):
            continue
        start = match.start("value")
        yield start, start + len(value), 0.9
    for pattern, talks_of_password in ((_CREDENTIAL_PAIR, False), (_NEW_ONE, True)):
        if talks_of_password and not _TALKS_OF_PASSWORD.search(text):
            continue
        for match in pattern.finditer(text):
            value = match.group("value").rstrip(_TRAILING)
            if len(value) >= 4 and _PASSWORDISH.search(value):
                start = match.start("value")
                yield start, start + len(value), 0.85
    for match in _PASSWORD_CUE.finditer(text):
        value = _NEXT_FIELD.split(match.group("value"), 1)[0].rstrip(_TRAILING)
        if _password_like(value):
            start = match.start("value")
            yield start, start + len(value), 0.85
    if "密" in text or "口令" in text:
        for match in _ZH_PASSWORD.finditer(text):
            value = match.group("value").rstrip(_TRAILING)
            filler = match.group("filler")
            if _password_like(value) and not any(word in filler for word in _ZH_GENERAL):
                start = match.start("value")
                yield start, start + len(value), 0.85
    lowered = text.lower()
    if "pin" in lowered:
        for match in _PIN.finditer(text):
            yield match.start("value"), match.end("value"), 0.85
    if "auth" in lowered or "requirepass" in lowered:
        for match in _AUTH.finditer(text):
            value = match.group("value").rstrip(_TRAILING)
            if _credential_like(value):
                start = match.start("value")
                yield start, start + len(value), 0.85


# Command lines with the password as an argument: "mysql -uroot -pX" (attached: a bare "-p"
# prompts for it, and "-p 8080" elsewhere is a port), "sshpass -p 'X' ssh …", "redis-cli -a X".
_ARGUMENT = r"(?P<value>'[^'\n]+'|\"[^\"\n]+\"|[^\s'\"]+)"
_COMMANDS = (
    re.compile(
        r"(?<![A-Za-z0-9_-])(?:mysql(?:dump|admin|sh|import|check)?|mariadb(?:-dump|-admin)?)"
        r"(?![A-Za-z0-9_-])[^\n|;&]{0,256}?(?<!\S)-p" + _ARGUMENT
    ),
    re.compile(r"(?<![A-Za-z0-9_-])sshpass(?:[ \t]+-[A-Za-z]+)*?[ \t]+-p[ \t]*" + _ARGUMENT),
    re.compile(r"(?<![A-Za-z0-9_-])redis-cli(?:[ \t]+[^\s|;&]+){0,8}?[ \t]+-a[ \t]+" + _ARGUMENT),
)


def _commands(text: str) -> Iterator[tuple[int, int, float]]:
    for pattern in _COMMANDS:
        for match in pattern.finditer(text):
            start, end = match.span("value")
            if text[start] in "'\"":
                start, end = start + 1, end - 1
            value = text[start:end]
            if len(value) >= 3 and not value.startswith(_REFERENCES):
                yield start, end, 0.9


_NEXT_FIELD = re.compile(r";(?=[A-Za-z ]+=)")

# Chat phrasings of a key or token: "the API key is X", "access key X", "token: X", "密钥是X",
# "API密钥：X", "令牌 X". The value must look like a credential (see `_credential_like`),
# so "the key is in the drawer" or "the token expired" name no value.
_NAMED_KEY = re.compile(
    r"(?:(?<![A-Za-z0-9])(?i:(?:api|access|secret|auth|app|bot|client|deploy|session|refresh"
    r"|private|personal[ \t]+access)[ \t_-]?)?(?i:key|token|secret)"
    r"(?:[ \t_-]?(?i:id|secret))?(?![A-Za-z])"
    r"|密钥|秘钥|密匙|令牌|口令)"
    r"(?:[ \t]*(?::=|=>|[:：=]|是|为|為)[ \t]*[:：]?[ \t]*"
    r"|[ \t]+(?i:is|was)(?:[ \t]+(?i:now|still))?(?:[ \t]*[:：][ \t]*|[ \t]+)"
    r"|[ \t]+(?i:(?:(?:is|was|has[ \t]+been)[ \t]+)?(?:changed|set|reset|rotated)[ \t]+to)"
    r"[ \t]*[:：]?[ \t]*"
    r"|[ \t]*(?:改成|改为|換成|换成|设为|设置为|更新为|重置为)[ \t]*[:：]?[ \t]*"
    r"|[ \t]+|(?<=[钥匙牌令]))"
    r"[\"'`“‘]?(?P<value>[^\s\"'`“”‘’,;\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    r"\uff00-\uffef]{8,256})"
)
_VERSION = re.compile(r"v?\d+(?:\.\d+)+(?:[-+._][0-9A-Za-z]+)*", re.IGNORECASE)
_PATH_START = re.compile(r"(?:[/~\\]|\.{1,2}[/\\]|[A-Za-z]:[/\\])")
_FILE_NAME = re.compile(r"[A-Za-z0-9_-]\.[A-Za-z][A-Za-z0-9]{0,4}$")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")


def _credential_like(value: str) -> bool:
    """Letters and digits mixed, 8 characters or more, and not a version, file path, e-mail
    address, URL or a reference to where the secret is kept."""
    return (
        len(value) >= 8
        and any(c.isdigit() for c in value)
        and any(c.isalpha() for c in value)
        and not value.startswith(_REFERENCES)
        and "://" not in value
        and _VERSION.fullmatch(value) is None
        and _PATH_START.match(value) is None
        and "\\" not in value
        and _FILE_NAME.search(value) is None
        and _EMAIL.fullmatch(value) is None
    )


def _named_keys(text: str) -> Iterator[tuple[int, int, float]]:
    for match in _NAMED_KEY.finditer(text):
        value = match.group("value").rstrip(_TRAILING)
        if _credential_like(value):
            start = match.start("value")
            yield start, start + len(value), 0.85
_TALKS_OF_PASSWORD = re.compile(r"(?i:pass(?:word|wd|phrase)|pwd)|密码|口令")


def _high_entropy(text: str) -> Iterator[tuple[int, int, float]]:
    for match in _CANDIDATE.finditer(text):
        token, start = match.group(), match.start()
        window = max(0, start - _CONTEXT_WINDOW)
        if _HEX.fullmatch(token):
            # Hex alone is usually a commit/hash; only a key word nearby makes it a secret.
            if _HEXES.calculate_shannon_entropy(token) >= 3.0 and _CONTEXT.search(
                text, window, start
            ):
                yield start, match.end(), 0.85
        elif (
            _AWS_SECRET.fullmatch(token)
            and _B64.calculate_shannon_entropy(token) >= 4.0
            and _AWS_CONTEXT.search(text, window, start)
        ):
            yield start, match.end(), 0.9
        elif _B64.calculate_shannon_entropy(token) >= 4.5 and _CONTEXT.search(
            text, window, start
        ):
            yield start, match.end(), 0.85
