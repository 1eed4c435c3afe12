"""SecretRecognizer: every supported format, exact spans, prose near-misses and throughput."""

import base64
import json
import threading
import time

import pytest
from presidio_analyzer import RecognizerResult

from workbench.core.pii.recognizers.secret import SecretRecognizer

# Token-shaped fixtures are assembled at runtime so repository secret scanners stay quiet.
GITHUB = "gh" + "p_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
GITHUB_PAT = "github" + "_pat_" + "11ABCDEFG0123456789abc_" + "Zx9" * 19 + "Qw"
GITLAB = "gl" + "pat-" + "AbCdEfGhIj0123456789xy"
SLACK_BOT = "xoxb-0000000000-0000000000000-EXAMPLEEXAMPLEEXAMPLE1234"
SLACK_USER = "xo" + "xp-1234567890-1234567890-abcdef123456"
SLACK_APP = "xa" + "pp-1-A0123456789-1234567890123-abcdef0123456789abcdef"
SLACK_HOOK = "https://hooks." + "slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX"
STRIPE = "sk_" + "live_" + "0123456789abcdefABCDEFGH"
STRIPE_RESTRICTED = "rk_" + "live_" + "0123456789abcdefABCDEFGHxyz789"
GOOGLE = "AI" + "zaSyA-1234567890abcdefghijklmnopqrstu"
OPENAI = "sk-" + "proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z"
OPENAI_LEGACY = "sk-" + "Ab3dEf6hIj9kLm2nOp5q" + "T3Blbk" + "FJ" + "Zy8xWv7uTs6rQp5oNm4l"
AWS_ID = "AKIAIOSFODNN7EXAMPLE"
AWS_SESSION_ID = "ASIA" + "Y34FZKBOKMUTVV7A"
AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
B64_SECRET = "q8Xz3LmN7vB2kR9tY4wP6sD1fG5hJ0aE"
HEX_SECRET = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


def _b64url(obj: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


JWT = (
    _b64url({"alg": "HS256", "typ": "JWT"})
    + "."
    + _b64url({"sub": "1234567890", "name": "Li Lei"})
    + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)
PRIVATE_KEY = (
    "-----BEGIN RSA " "PRIVATE KEY-----\n"
    "MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF8PbnGy0AHB7MhgHcTz6sE2I2yPB\n"
    "aFDrBz9vFqU4yQ==\n"
    "-----END RSA " "PRIVATE KEY-----"
)
PGP_KEY = (
    "-----BEGIN PGP " "PRIVATE KEY BLOCK-----\n\n"
    "lQdGBF4HMiIBEADFy1d0w5sYtZ\n=Ab12\n"
    "-----END PGP " "PRIVATE KEY BLOCK-----"
)


@pytest.fixture(scope="module")
def recognizer() -> SecretRecognizer:
    return SecretRecognizer()


def found(recognizer: SecretRecognizer, text: str) -> list[str]:
    return [text[r.start : r.end] for r in recognizer.analyze(text, ["SECRET"])]


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # Sample lines from real workplace chats.
        ("另外测试环境的 key 别再贴群里了：AKIAIOSFODNN7EXAMPLE", AWS_ID),
        (
            f"Token for the staging bot is {SLACK_BOT} — rotate after use",
            SLACK_BOT,
        ),
        ("数据库只读账号 password: Xh#2024!ro", "Xh#2024!ro"),
        ("Never share the root password Xh#2024!root.", "Xh#2024!root"),
        # Vendor formats, glued to hanzi and CJK punctuation.
        (f"临时会话用{AWS_SESSION_ID}，明天失效", AWS_SESSION_ID),
        (f"aws_secret_access_key={AWS_SECRET}", AWS_SECRET),
        (f"AWS secret 是 {AWS_SECRET}", AWS_SECRET),
        (f"CI 用的是{GITHUB}。", GITHUB),
        (f"fine-grained: {GITHUB_PAT}", GITHUB_PAT),
        (f"runner uses {GITLAB}吧", GITLAB),
        (f"user token {SLACK_USER}", SLACK_USER),
        (f"socket mode: {SLACK_APP}", SLACK_APP),
        (f"告警发到 {SLACK_HOOK} 就行", SLACK_HOOK),
        (f"prod key {STRIPE}", STRIPE),
        (f"restricted: {STRIPE_RESTRICTED}", STRIPE_RESTRICTED),
        (f"maps key={GOOGLE}", GOOGLE),
        (f"OPENAI_API_KEY={OPENAI}", OPENAI),
        (f"old one {OPENAI_LEGACY}", OPENAI_LEGACY),
        (f"Authorization: Bearer {JWT}", JWT),
        (f"令牌是{JWT}，已过期", JWT),
        # Password assignments, English and Chinese, half- and full-width separators.
        ("password=s3cr3t!", "s3cr3t!"),
        ("DB_PASSWORD = hunter2", "hunter2"),
        ("pwd: q1w2e3", "q1w2e3"),
        ("passwd='letmein'", "letmein"),
        ("口令：Tr0ub4dor&3。", "Tr0ub4dor&3"),
        ("密码：abc123，别外传", "abc123"),
        ("密码:abc123;", "abc123"),
        ("wifi 密码是 Guest@2024", "Guest@2024"),
        ("初始密码为Init#001；登录后修改", "Init#001"),
        ("密码 Abc!2345 记一下", "Abc!2345"),
        ("my password is hunter22", "hunter22"),
        # Basic auth: only the password part of the URL.
        ("clone https://deploy:Sup3rS3cret@git.example.com/repo.git", "Sup3rS3cret"),
        # High entropy only because a key word precedes it.
        (f"api key: {B64_SECRET}", B64_SECRET),
        (f"secretKey: {B64_SECRET}", B64_SECRET),
        (f"测试环境密钥：{B64_SECRET}", B64_SECRET),
        (f"the api_key={HEX_SECRET} thx", HEX_SECRET),
    ],
)
def test_finds_secret_with_exact_span(recognizer: SecretRecognizer, text: str, secret: str):
    assert found(recognizer, text) == [secret]


@pytest.mark.parametrize("key", [PRIVATE_KEY, PGP_KEY])
def test_private_key_block_is_one_span(recognizer: SecretRecognizer, key: str):
    text = f"部署用这个：\n{key}\n用完删掉"
    assert found(recognizer, text) == [key]


def test_truncated_private_key_is_redacted_to_the_end(recognizer: SecretRecognizer):
    text = "-----BEGIN OPENSSH " "PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n(rest cut off"
    assert found(recognizer, text) == [text]


def test_several_secrets_in_one_message(recognizer: SecretRecognizer):
    text = f"账号 admin 密码：P@ss1234，token {GITHUB}，另外 AWS 用 {AWS_ID}"
    assert found(recognizer, text) == ["P@ss1234", GITHUB, AWS_ID]


def test_token_inside_password_assignment_is_reported_once(recognizer: SecretRecognizer):
    results = recognizer.analyze(f"password: {GITHUB}", ["SECRET"])
    assert [(r.score, r.end - r.start) for r in results] == [(0.95, len(GITHUB))]


@pytest.mark.parametrize(
    "text",
    [
        "I forgot my password yesterday",
        "reset your password",
        "Please reset your password before Friday.",
        "the password policy changed in 2024",
        "I typed the password again!",
        "密码学很有意思",
        "密码是多少？",
        "忘记密码了怎么办",
        "fixed in 3f2a9c1e4b5d6e7f8091a2b3c4d5e6f708192a3b",
        "request id 550e8400-e29b-41d4-a716-446655440000 failed",
        "upgraded to v1.2.3-rc.1, build 20240611.4",
        "订单号 2024061100012345678，请查收",
        "order #A-2024-000123 shipped",
        "see https://example.com/path?a=1&b=2 and https://example.com:8080/x",
        "mail me at li.lei@example.com",
        "XAKIAIOSFODNN7EXAMPLE is not a key id",
        "AKIAIOSFODNN7EXAMPLEX neither",
        "sk-learn-is-a-great-library-for-machine-learning-folks",
        f"monkey {B64_SECRET}",
        f"random blob {B64_SECRET} without any hint",
        "The key point is that we ship on Friday.",
        "token: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "the private key lives in the vault, ask ops",
    ],
)
def test_ignores_near_misses(recognizer: SecretRecognizer, text: str):
    assert found(recognizer, text) == []


def test_result_carries_recognizer_metadata_and_no_explanation(recognizer: SecretRecognizer):
    (result,) = recognizer.analyze(f"key {AWS_ID}", ["SECRET"])
    assert result.entity_type == "SECRET"
    assert 0.85 <= result.score <= 1.0
    assert result.analysis_explanation is None
    assert result.recognition_metadata == {
        RecognizerResult.RECOGNIZER_NAME_KEY: "SecretRecognizer",
        RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id,
    }


def test_language_and_entity_filter():
    zh = SecretRecognizer("zh")
    assert zh.supported_language == "zh"
    assert zh.supported_entities == ["SECRET"]
    assert zh.analyze(f"key {AWS_ID}", ["PERSON"]) == []
    assert len(zh.analyze(f"key {AWS_ID}", ["SECRET"], nlp_artifacts=None)) == 1


def test_concurrent_calls_agree(recognizer: SecretRecognizer):
    text = f"密码：P@ss1234，token {GITHUB}，api key {B64_SECRET}"
    expected = found(recognizer, text)
    failures: list[list[str]] = []

    def work() -> None:
        for _ in range(200):
            got = found(recognizer, text)
            if got != expected:
                failures.append(got)

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(expected) == 3
    assert failures == []


ORDINARY = [
    "Hi team, the standup is moved to 10:30 tomorrow, please update your calendars.",
    "好的，我下午把周报发给你，顺便看一下那个需求文档。",
    "Can you review PR #1423 when you get a chance? Thanks!",
    "明天的会议改到三点，记得带电脑。",
    "lol that's hilarious 😂",
    "See https://example.com/docs/page for details",
    "客户说下周二之前要看到第一版原型，我们得加快进度了",
    "The key point is that we ship on Friday.",
    "fixed in 3f2a9c1e4b5d6e7f8091a2b3c4d5e6f708192a3b, please pull",
    "收到，谢谢！",
]


def test_ten_thousand_ordinary_messages_scan_in_under_a_second(recognizer: SecretRecognizer):
    messages = [f"{ORDINARY[i % len(ORDINARY)]} #{i}" for i in range(10_000)]
    started = time.perf_counter()
    hits = sum(len(recognizer.analyze(m, ["SECRET"])) for m in messages)
    elapsed = time.perf_counter() - started
    assert hits == 0
    assert elapsed < 1.0, f"{elapsed:.3f}s for 10k messages"


@pytest.mark.parametrize(
    "text",
    [
        "sk-" * 30_000,
        "eyJ-" * 30_000,
        "xapp-1-" * 20_000,
        "https://a:b@" * 10_000,
        "密码：" * 30_000,
        # The rules that let a few words or a command line sit between cue and value.
        "mysql -p " * 20_000,
        "redis-cli x " * 20_000,
        "password a b c d e f " * 10_000,
        "密码是“" * 30_000,
        "sshpass -x " * 20_000,
    ],
)
def test_long_adversarial_pastes_stay_linear(recognizer: SecretRecognizer, text: str):
    started = time.perf_counter()
    recognizer.analyze(text, ["SECRET"])
    assert time.perf_counter() - started < 1.0


# The hyphenated Stripe spelling of the new user's report; and further detect-secrets formats.
STRIPE_HYPHEN = "sk-" + "live-4f9a8b7c6d5e4f3a2b1c"
RESTRICTED_HYPHEN = "rk-" + "live-0a1b2c3d4e5f6a7b8c9d"
SENDGRID = "SG" + ".ngeVfQFYQlKU0ufo8x5d1A.TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr"
PYPI = ("pypi-" + "AgEIcHlwaS5vcmc" + "CJGQxYjI3YzNlLWI0OTUtNDhiMS1hZDkxLWFkNjkwYmQyMWM3NgACJXsi"
        "cGVybWlzc2lvbnMiOiAidXNlciIsICJ2ZXJzaW9uIjogMX0")
SQUARE = "sq0" + "csp-" + "0123456789ABCDEFGHIJKL_mnopqrstuvwxyz-01234"
MAILCHIMP = "0123456789abcdef0123456789abcdef" + "-us" + "12"
TELEGRAM = "110201543" + ":AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawX"
NPM = "npm" + "_" + "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb3d"
PROSE_KEY = "Q7mZ2xR9kL4pW3"


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # The report: prose phrasings that reached an exported package in clear.
        (f"the API key is {STRIPE_HYPHEN}", STRIPE_HYPHEN),
        (f"API密钥：{STRIPE_HYPHEN}", STRIPE_HYPHEN),
        (f"restricted one: {RESTRICTED_HYPHEN}", RESTRICTED_HYPHEN),
        # Well-known shapes need no key word at all.
        (f"用这个 {STRIPE_HYPHEN} 就行", STRIPE_HYPHEN),
        (f"{SENDGRID}", SENDGRID),
        (f"发布用{PYPI}。", PYPI),
        (f"square: {SQUARE}", SQUARE),
        (f"newsletter {MAILCHIMP} ok", MAILCHIMP),
        (f"bot {TELEGRAM}", TELEGRAM),
        (f"publish with {NPM}", NPM),
        # Chat phrasings of any key or token, English and Chinese.
        (f"the API key is {PROSE_KEY}", PROSE_KEY),
        (f"The API key is {PROSE_KEY}.", PROSE_KEY),
        (f"the key is now {PROSE_KEY}", PROSE_KEY),
        (f"token: {PROSE_KEY}", PROSE_KEY),
        (f"access key {PROSE_KEY}", PROSE_KEY),
        (f"the access token was changed to {PROSE_KEY} yesterday", PROSE_KEY),
        (f"密钥是{PROSE_KEY}", PROSE_KEY),
        (f"密钥{PROSE_KEY}，别外传", PROSE_KEY),
        (f"API密钥：{PROSE_KEY}", PROSE_KEY),
        (f"令牌改成 {PROSE_KEY} 了", PROSE_KEY),
        ("口令 Tr0ub4dor3", "Tr0ub4dor3"),
    ],
)
def test_finds_chat_phrasings_and_token_shapes(recognizer: SecretRecognizer, text: str,
                                               secret: str):
    assert found(recognizer, text) == [secret]


@pytest.mark.parametrize(
    "text",
    [
        # Ordinary words after "key is" / "token".
        "the key is in the drawer",
        "The key is to ship early.",
        "the API key is required for v2",
        "the token expired on 2024-06-11",
        "密钥在保险柜里，找运维要",
        "令牌过期了",
        # Too short, a version, a file path or a reference: where a key is, not the key.
        "the token is 1a2b",
        "access key ABC-123",
        "the key is v2.3.1-rc1",
        "API key is 4.18.2",
        "the key is ~/.ssh/id_ed25519",
        "the key is /etc/ssl/private/server.key",
        "the key is in keys/prod2.json",
        "密钥是 C:\\keys\\prod1.pem",
        "the token is ${API_TOKEN_2}",
        "token: li.lei2@example.com",
        # Near misses of the new shapes.
        "sk-live-demo is the placeholder in the docs",
        "sk-live-abcdefghijklmnopqrst has no digit",
        "call 13800138000:later",
        "npm_install_scripts_are_disabled_here_ok",
    ],
)
def test_ignores_chat_phrasing_near_misses(recognizer: SecretRecognizer, text: str):
    assert found(recognizer, text) == []


# The red team's chat lines whose passwords reached an exported package in clear.
@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # A Chinese clause between the cue and the value.
        ("跳板机 root 密码改成了 Hx9#kLm2pQ", "Hx9#kLm2pQ"),
        ("密码就是我生日加名字 zhangwei0315", "zhangwei0315"),
        ("密码发你了：Wz3&kQ8p", "Wz3&kQ8p"),
        # Redis' password.
        ("redis 的 auth 是 f8e7d6c5b4a39281", "f8e7d6c5b4a39281"),
        ("requirepass foobared99", "foobared99"),
        # A few words between an English cue and the value.
        ("pw for the admin console: Zk8$mn2Lq", "Zk8$mn2Lq"),
        ("password is same as before: Autumn#2023", "Autumn#2023"),
        ("the password for prod is Winter2024!", "Winter2024!"),
        ("new password → Gr33nT3a#", "Gr33nT3a#"),
        ("login: admin, pass: S3cr3tPass!", "S3cr3tPass!"),
        ("passcode: Ab12cd!", "Ab12cd!"),
        ('the passphrase is "correct horse battery staple"', "correct horse battery staple"),
        ("密码是“correct horse battery staple”", "correct horse battery staple"),
        ("creds are admin / Vb6^yT1qW", "Vb6^yT1qW"),
        # PINs: digits only, so only right after an explicit PIN cue.
        ("my pin is 4821", "4821"),
        ("PIN: 482193", "482193"),
        ("PIN码 4821", "4821"),
        ("PIN code: 0000", "0000"),
        ("密码是4821", "4821"),
        # Command lines.
        ("mysql -uroot -pMyR00tPw!", "MyR00tPw!"),
        ("mysql -u root --password=MyR00tPw!", "MyR00tPw!"),
        ("mysqldump -h db -uroot -p'My Pw#1' pay > pay.sql", "My Pw#1"),
        ("sshpass -p 'Jump#Host9' ssh ops@10.0.0.5", "Jump#Host9"),
        ("redis-cli -h r1 -a S3cretRedis get k", "S3cretRedis"),
        # pointer words only count when they start a sentence: a one-word value stays secret
        ("password: see", "see"),
        ("password: ask", "ask"),
        ("password: sent2you", "sent2you"),
    ],
)
def test_finds_red_team_password_phrasings(recognizer: SecretRecognizer, text: str, secret: str):
    assert found(recognizer, text) == [secret]


@pytest.mark.parametrize(
    "text",
    [
        "the password policy is strict",
        "password is required",
        "reset your password here",
        "the password for prod is in the vault",
        "password for the admin console is in 1Password",
        "passwords are rotated monthly: run the script",
        'the password is "the usual one"',
        'password is "required"',
        "密码是什么？",
        "密码发你了，查收",
        "密码管理器用 1Password",
        "密码有效期 90days",
        "密码错误3次被锁",
        "pin is in the drawer",
        "the pin is 2024-06-11",
        "GPIO pin 13 is high",
        "shipping pin 1234",
        "the spin is 4821 rpm",
        "my pin is 12",
        "the pass: yes we passed",
        "pass: 3 of 4 tests",
        "pass: 10/12 tests",
        "pw reset link: https://example.com/r?t=abc123",
        "auth is handled by ldap",
        "OAuth: client9876xyz",
        "author: li9876lei",
        "docker run -p 8080:80 nginx",
        "ssh -p 2222 ops@10.0.0.5",
        "mysql -u root -p",
        "mysql -h db-prod -u root -p mydb",
        "mysql -p$MYSQL_PWD",
        'sshpass -p "$SSHPASS" ssh ops@10.0.0.5',
        "creds are in 1password",
        "We passed the review, shipping on Friday.",
        "password: see the wiki",
        "pw: ask me on Slack",
        "password: same as the staging one",
        "password: none",
        "Password = TBD",
    ],
)
def test_ignores_red_team_near_misses(recognizer: SecretRecognizer, text: str):
    assert found(recognizer, text) == []
