<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AppContext</name>
    <message>
        <source>The workspace {0} is in use by another window or process. Close it there (or wait for that command to finish) and try again.</source>
        <translation>工作区 {0} 正被另一个窗口或进程使用。请在那里关闭它（或等待该命令结束）后重试。</translation>
    </message>
    <message>
        <source>Consent Workbench</source>
        <translation>知情同意工作台</translation>
    </message>
</context>
<context>
    <name>ArtifactModel</name>
    <message>
        <source>Chat</source>
        <translation>聊天</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文档</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图片</translation>
    </message>
    <message>
        <source>Skill file</source>
        <translation>技能文件</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待审阅</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>已批准</translation>
    </message>
    <message>
        <source>Excluded</source>
        <translation>已排除</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现项</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>ArtifactsPage</name>
    <message>
        <source>Import files…</source>
        <translation>导入文件……</translation>
    </message>
    <message>
        <source>Import folder…</source>
        <translation>导入文件夹……</translation>
    </message>
    <message>
        <source>Scan for personal data</source>
        <translation>扫描个人信息</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Has sensitive information</source>
        <translation>含敏感信息</translation>
    </message>
    <message>
        <source>Search titles and text</source>
        <translation>搜索标题和正文</translation>
    </message>
    <message>
        <source>Drop files or folders here to import them. Double-click an item to review it.</source>
        <translation>将文件或文件夹拖到这里即可导入。双击某一项进行审阅。</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>No workspace is open</source>
        <translation>尚未打开工作区</translation>
    </message>
    <message>
        <source>Open or create a workspace to start: File ▸ Open workspace, or File ▸ New workspace.</source>
        <translation>请先打开或新建一个工作区：文件 ▸ 打开工作区，或 文件 ▸ 新建工作区。</translation>
    </message>
    <message>
        <source>Reading the list…</source>
        <translation>正在读取列表…</translation>
    </message>
    <message>
        <source>Workspace of {0}</source>
        <translation>{0} 的工作区</translation>
    </message>
    <message>
        <source>Nothing imported yet. Drop chat exports, emails, documents or screenshots here, or use Import.</source>
        <translation>还没有导入任何材料。可以把聊天记录导出、邮件、文档或截图拖到这里，或点击“导入”。</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <source>Import a folder</source>
        <translation>导入文件夹</translation>
    </message>
    <message numerus="yes">
        <source>Scanned %n item(s):</source>
        <translation>
            <numerusform>已扫描 %n 项材料：</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s).</source>
        <translation>
            <numerusform>发现 %n 处。</numerusform>
        </translation>
    </message>
    <message>
        <source>Passed over:</source>
        <translation>已跳过：</translation>
    </message>
    <message>
        <source>{0} damaged parts were left out (for example in {1}: {2}).</source>
        <translation>有 {0} 处损坏的内容被略过（例如 {1}：{2}）。</translation>
    </message>
    <message numerus="yes">
        <source>Imported %n new item(s) ({0} were already here).</source>
        <translation>
            <numerusform>已导入 %n 项新材料（{0} 项已存在）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) were passed over.</source>
        <translation>
            <numerusform>跳过了 %n 个文件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入……</translation>
    </message>
    <message>
        <source>These files could not be imported; everything else was:</source>
        <translation>以下文件无法导入；其余文件均已导入：</translation>
    </message>
    <message>
        <source>• {0}: {1}</source>
        <translation>• {0}：{1}</translation>
    </message>
    <message>
        <source>Left out of files that were imported:</source>
        <translation>已导入文件中被略过的部分：</translation>
    </message>
    <message>
        <source>Loading the detectors…</source>
        <translation>正在加载识别模型……</translation>
    </message>
    <message>
        <source>Scanning for personal data…</source>
        <translation>正在扫描个人信息……</translation>
    </message>
</context>
<context>
    <name>CardTable</name>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Fingerprint (read it aloud to check)</source>
        <translation>指纹（请读出来核对）</translation>
    </message>
    <message>
        <source>Checked</source>
        <translation>核对</translation>
    </message>
    <message>
        <source>⚠ Not verified</source>
        <translation>⚠ 未核对</translation>
    </message>
    <message>
        <source>You have not compared this fingerprint with its owner. Until you do, the card is only as genuine as the way it reached you.</source>
        <translation>你还没有与持有人核对这个指纹。核对之前，这张身份卡的真实性只取决于它送到你手上的途径。</translation>
    </message>
    <message>
        <source>✓ Verified {0}</source>
        <translation>✓ 已核对 {0}</translation>
    </message>
    <message>
        <source>You compared {0} with its owner on {1}.</source>
        <translation>你于 {1} 与持有人核对了{0}。</translation>
    </message>
</context>
<context>
    <name>ConfirmContactDialog</name>
    <message>
        <source>Check the fingerprint</source>
        <translation>核对指纹</translation>
    </message>
    <message>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <source>{0} already has a different key — this may be someone pretending to be them. Replace their card only if they tell you, by phone or in person, that they made a new key, and the fingerprint they read out matches this one.</source>
        <translation>{0} 已经有另一把密钥——这可能是有人冒充对方。只有在对方通过电话或当面告诉你他们换了新密钥，并且读给你的指纹与这里的一致时，才替换对方的身份卡。</translation>
    </message>
    <message>
        <source>Call {0} or meet in person and ask them to read their fingerprint to you. It must be exactly this:</source>
        <translation>请给{0}打电话或当面确认，请对方把指纹读给你听。必须与下面完全一致：</translation>
    </message>
    <message>
        <source>e.g. {0}</source>
        <translation>例如：{0}</translation>
    </message>
    <message>
        <source>Type what they read to you: the whole fingerprint, or at least its last {0} groups. Spaces and capitals do not matter.</source>
        <translation>输入对方读给你的内容：完整指纹，或至少最后 {0} 组。空格和大小写都没有关系。</translation>
    </message>
    <message>
        <source>What they read to you:</source>
        <translation>对方读给你的指纹：</translation>
    </message>
    <message>
        <source>If it differs, do not add the card: someone else may have made it. Packages and signatures are only as trustworthy as this check.</source>
        <translation>如果不一致，请不要添加这张身份卡：它可能是别人伪造的。数据包和签名是否可信，全靠这一步核对。</translation>
    </message>
    <message>
        <source>&amp;Verify and add</source>
        <translation>核对并添加(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Mark verified</source>
        <translation>标记为已核对(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Verify and replace</source>
        <translation>核对并替换(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Add as not verified</source>
        <translation>以未核对状态添加(&amp;A)</translation>
    </message>
    <message>
        <source>Add the card now and check its fingerprint later with the Verify button.</source>
        <translation>先添加这张身份卡，之后再用“核对指纹”按钮核对。</translation>
    </message>
    <message>
        <source>Not checked yet.</source>
        <translation>尚未核对。</translation>
    </message>
    <message>
        <source>This does not match the card&apos;s fingerprint: the card may not be theirs.</source>
        <translation>与这张身份卡的指纹不一致：它可能不是对方的。</translation>
    </message>
    <message>
        <source>Type the whole fingerprint, or at least its last {0} groups (digits 0-9 and letters a-f).</source>
        <translation>请输入完整指纹，或至少最后 {0} 组（数字 0-9 和字母 a-f）。</translation>
    </message>
    <message>
        <source>It matches the whole fingerprint.</source>
        <translation>与完整指纹一致。</translation>
    </message>
    <message>
        <source>It matches the last {0} digits.</source>
        <translation>与指纹的最后 {0} 位一致。</translation>
    </message>
</context>
<context>
    <name>ConsentPage</name>
    <message>
        <source>Consent</source>
        <translation>同意书</translation>
    </message>
    <message>
        <source>Reading what this workspace holds…</source>
        <translation>正在读取这个工作区里的内容…</translation>
    </message>
    <message>
        <source>Go to Keys &amp;&amp; contacts</source>
        <translation>前往“密钥与联系人”</translation>
    </message>
    <message>
        <source>1  Terms</source>
        <translation>1  条款</translation>
    </message>
    <message>
        <source>2  Notice</source>
        <translation>2  告知书</translation>
    </message>
    <message>
        <source>3  Summary</source>
        <translation>3  摘要</translation>
    </message>
    <message>
        <source>4  Your decision</source>
        <translation>4  你的决定</translation>
    </message>
    <message>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <source>HR&apos;s request (optional)</source>
        <translation>HR 的请求（可选）</translation>
    </message>
    <message>
        <source>Load request file…</source>
        <translation>载入请求文件…</translation>
    </message>
    <message>
        <source>Don&apos;t use it</source>
        <translation>不使用</translation>
    </message>
    <message>
        <source>What for</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>The purpose, one per line.</source>
        <translation>使用目的，每行一条。</translation>
    </message>
    <message>
        <source>e.g. An internal AI assistant that answers questions about payment-gateway releases</source>
        <translation>例如：内部 AI 助手，解答支付网关发布相关问题</translation>
    </message>
    <message>
        <source>Who is responsible</source>
        <translation>负责方</translation>
    </message>
    <message>
        <source>The company, e.g. Xinghe Tech Ltd.</source>
        <translation>公司名称，例如：星河科技有限公司</translation>
    </message>
    <message>
        <source>e.g. privacy@company.com</source>
        <translation>例如：privacy@company.com</translation>
    </message>
    <message>
        <source>e.g. company servers in Beijing</source>
        <translation>例如：公司北京服务器</translation>
    </message>
    <message>
        <source>The data may leave the country</source>
        <translation>数据可能传输至境外</translation>
    </message>
    <message>
        <source>Company:</source>
        <translation>公司：</translation>
    </message>
    <message>
        <source>Privacy contact:</source>
        <translation>隐私联系人：</translation>
    </message>
    <message>
        <source>Stored at:</source>
        <translation>存放地点：</translation>
    </message>
    <message>
        <source>Who signs and who receives</source>
        <translation>签署方与接收方</translation>
    </message>
    <message>
        <source>You sign as:</source>
        <translation>签署身份：</translation>
    </message>
    <message>
        <source>Countersigned by (HR):</source>
        <translation>会签人（HR）：</translation>
    </message>
    <message>
        <source>Recipients:</source>
        <translation>接收方：</translation>
    </message>
    <message>
        <source>Your data in this workspace</source>
        <translation>本工作区中你的数据</translation>
    </message>
    <message>
        <source>How long</source>
        <translation>保存期限</translation>
    </message>
    <message>
        <source>Delete by:</source>
        <translation>删除期限：</translation>
    </message>
    <message>
        <source>The recipients must delete the package by this date and send you a signed deletion receipt. It must be in the future.</source>
        <translation>接收方必须在此日期前删除数据包，并向你发送签名的删除回执。日期必须晚于今天。</translation>
    </message>
    <message>
        <source>Licence terms (optional)</source>
        <translation>许可条款（可选）</translation>
    </message>
    <message>
        <source>e.g. internal use only</source>
        <translation>例如：仅限内部使用</translation>
    </message>
    <message>
        <source>e.g. none</source>
        <translation>例如：无</translation>
    </message>
    <message>
        <source>Terms:</source>
        <translation>条款：</translation>
    </message>
    <message>
        <source>Fee:</source>
        <translation>费用：</translation>
    </message>
    <message>
        <source>Until:</source>
        <translation>有效期至：</translation>
    </message>
    <message>
        <source>This is the notice exactly as it will be signed. Read it in the language you prefer; the language you sign in is recorded.</source>
        <translation>以下就是你将要签署的告知书原文。你可以选择阅读语言；签署时所用的语言会被记录。</translation>
    </message>
    <message>
        <source>Check the terms once more. Go back to change anything.</source>
        <translation>请再核对一遍条款。如需修改，请返回上一步。</translation>
    </message>
    <message>
        <source>Your decision</source>
        <translation>你的决定</translation>
    </message>
    <message>
        <source>Either answer is signed with your key and kept in this workspace.</source>
        <translation>无论同意还是拒绝，都会用你的密钥签名，并保存在本工作区中。</translation>
    </message>
    <message>
        <source>Declining has no consequence for your job, your pay or your evaluation. A refusal is recorded only so that nobody asks you again as if you had not answered. If you give consent, you can still withdraw it later.</source>
        <translation>拒绝不会影响你的工作、薪酬或考核。记录拒绝，只是为了避免有人把你当作没有答复而再次询问。即使你同意了，之后也可以随时撤回。</translation>
    </message>
    <message>
        <source>Give consent</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Signing your decision…</source>
        <translation>正在签署你的决定…</translation>
    </message>
    <message>
        <source>Go to Export</source>
        <translation>前往导出</translation>
    </message>
    <message>
        <source>Open a workspace to start: consent is given for the materials in a workspace.</source>
        <translation>请先打开一个工作区：同意书针对的是工作区中的材料。</translation>
    </message>
    <message>
        <source>Create your &lt;b&gt;employee identity&lt;/b&gt; (your signing key).</source>
        <translation>创建你的&lt;b&gt;员工身份&lt;/b&gt;（即你的签名密钥）。</translation>
    </message>
    <message>
        <source>Import &lt;b&gt;HR&apos;s identity card&lt;/b&gt;: HR sends you a .wbid.json file; check its fingerprint with them.</source>
        <translation>导入&lt;b&gt;HR 的身份卡&lt;/b&gt;：HR 会发给你一个 .wbid.json 文件，请与对方核对指纹。</translation>
    </message>
    <message>
        <source>Import the &lt;b&gt;receiving team&apos;s identity card&lt;/b&gt;, so the package can be encrypted for them.</source>
        <translation>导入&lt;b&gt;接收方的身份卡&lt;/b&gt;，这样数据包才能为他们加密。</translation>
    </message>
    <message>
        <source>Before you can give or decline consent:</source>
        <translation>在同意或拒绝之前，你需要：</translation>
    </message>
    <message>
        <source>All of this is done on the Keys &amp; contacts page.</source>
        <translation>这些都在“密钥与联系人”页面完成。</translation>
    </message>
    <message>
        <source>No consent has been recorded for this workspace yet. Go through the steps below; nothing is signed until you press Give consent or Decline.</source>
        <translation>本工作区还没有同意记录。请按下面的步骤操作；在你点击“同意”或“拒绝”之前，不会签署任何内容。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Withdrawn&lt;/b&gt; on {0}: the consent given on {1} (record {2}) no longer allows any export. To export again, go through the steps below and record a new decision.</source>
        <translation>&lt;b&gt;已撤回&lt;/b&gt;（{0}）：{1} 给出的同意（记录 {2}）不再允许任何导出。要再次导出，请按下面的步骤重新作出决定。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Consent given&lt;/b&gt; on {0} (record {1}) for {2}; the recipients must delete the package by &lt;b&gt;{3}&lt;/b&gt;.</source>
        <translation>你已于 {0} &lt;b&gt;同意&lt;/b&gt;（记录 {1}），接收方：{2}；接收方必须在 &lt;b&gt;{3}&lt;/b&gt; 前删除数据包。</translation>
    </message>
    <message>
        <source>&lt;b&gt;You declined&lt;/b&gt; on {0} (record {1}). Nothing can be exported unless you give consent later.</source>
        <translation>你已于 {0} &lt;b&gt;拒绝&lt;/b&gt;（记录 {1}）。除非你之后表示同意，否则不会导出任何内容。</translation>
    </message>
    <message>
        <source>To change the purpose, recipients, data categories or delete-by date, go through the steps again: a new signed record replaces this one, and HR countersigns again.</source>
        <translation>如需更改用途、接收方、数据类别或删除期限，请重新走一遍下面的步骤：新的签名记录会取代这一份，HR 也需要重新会签。</translation>
    </message>
    <message>
        <source>{0} item(s) in this workspace are not covered by this record; record a new decision before exporting them.</source>
        <translation>本工作区中有 {0} 项材料不在这份记录范围内；导出前请重新作出决定。</translation>
    </message>
    <message>
        <source>{0} — not verified</source>
        <translation>{0} — 未核对</translation>
    </message>
    <message>
        <source>Included (everything not excluded): {0}.</source>
        <translation>包含的内容（所有未排除的材料）：{0}。</translation>
    </message>
    <message>
        <source>Nothing is in this workspace yet. Import and review your materials first.</source>
        <translation>本工作区还没有任何材料。请先导入并审阅你的材料。</translation>
    </message>
    <message>
        <source>Sensitive personal information was found. It is exported only where you tick the box below (separate consent); otherwise it stays redacted and is not exported.</source>
        <translation>发现了敏感个人信息。只有勾选下面对应的选项（单独同意），相关内容才会导出；否则这些内容保持涂黑，不会导出。</translation>
    </message>
    <message>
        <source>Sensitive personal information was found ({0}) and is redacted wherever it occurs: none of it is exported.</source>
        <translation>发现了敏感个人信息（{0}），已在出现之处全部涂黑：不会导出任何相关内容。</translation>
    </message>
    <message>
        <source>No sensitive personal information (health, finances, religion, biometrics, whereabouts, minors) was found.</source>
        <translation>未发现敏感个人信息（健康、财务、宗教、生物识别、行踪、未成年人）。</translation>
    </message>
    <message>
        <source>Yes, I separately agree to share: {0} ({1} found)</source>
        <translation>我单独同意提供：{0}（发现 {1} 处）</translation>
    </message>
    <message>
        <source>Open HR&apos;s consent request</source>
        <translation>打开 HR 的同意请求</translation>
    </message>
    <message>
        <source>Consent requests (*.json);;All files (*)</source>
        <translation>同意请求 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>If HR sent you a signed request file, load it: the terms are filled in for you, and you may only narrow them (fewer purposes or recipients, an earlier delete-by date).</source>
        <translation>如果 HR 发给你一份签名的请求文件，请载入它：条款会自动填好，你只能缩小范围（减少用途或接收方，提前删除期限）。</translation>
    </message>
    <message>
        <source>Using the request from {0} ({1}). You may narrow these terms, not widen them.</source>
        <translation>正在使用 {0} 的请求（{1}）。你可以缩小这些条款的范围，但不能扩大。</translation>
    </message>
    <message>
        <source>It asks for separate consent to: {0}.</source>
        <translation>该请求希望你单独同意：{0}。</translation>
    </message>
    <message>
        <source>{0} ({1}): {2}</source>
        <translation>{0}（{1}）：{2}</translation>
    </message>
    <message>
        <source>shared, with your separate consent</source>
        <translation>提供（已单独同意）</translation>
    </message>
    <message>
        <source>not shared</source>
        <translation>不提供</translation>
    </message>
    <message>
        <source>none found</source>
        <translation>未发现</translation>
    </message>
    <message>
        <source>nothing yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>公司</translation>
    </message>
    <message>
        <source>Countersigned by (HR)</source>
        <translation>会签人（HR）</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>接收方</translation>
    </message>
    <message>
        <source>Your data</source>
        <translation>你的数据</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) from workspace “{0}”: {1}</source>
        <translation>
            <numerusform>来自工作区“{0}”的 %n 项材料：{1}</numerusform>
        </translation>
    </message>
    <message>
        <source>Sensitive information</source>
        <translation>敏感信息</translation>
    </message>
    <message>
        <source>Delete by</source>
        <translation>删除截止日</translation>
    </message>
    <message>
        <source>(then a signed deletion receipt comes back to you)</source>
        <translation>（届时你会收到签名的删除回执）</translation>
    </message>
    <message>
        <source>Stored at</source>
        <translation>存放地点</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>未说明</translation>
    </message>
    <message>
        <source>may leave the country</source>
        <translation>可能传输至境外</translation>
    </message>
    <message>
        <source>stays in the country</source>
        <translation>不出境</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可</translation>
    </message>
    <message>
        <source>{0}; fee: {1}; until {2}</source>
        <translation>{0}；费用：{1}；有效期至 {2}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Notice language</source>
        <translation>告知书语言</translation>
    </message>
    <message>
        <source>Signed as</source>
        <translation>签署身份</translation>
    </message>
    <message>
        <source>Based on</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>HR&apos;s request from {0}</source>
        <translation>{0} 发出的 HR 请求</translation>
    </message>
    <message>
        <source>Signing your consent…</source>
        <translation>正在签署你的同意…</translation>
    </message>
    <message>
        <source>Signing your refusal…</source>
        <translation>正在签署你的拒绝…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Consent given.&lt;/b&gt; Record {0}, signed with your key. The recipients must delete the package by &lt;b&gt;{1}&lt;/b&gt;. Next, export the package and send it to HR to countersign.</source>
        <translation>&lt;b&gt;已同意。&lt;/b&gt;记录 {0} 已用你的密钥签名。接收方必须在 &lt;b&gt;{1}&lt;/b&gt; 前删除数据包。下一步：导出数据包，交给 HR 会签。</translation>
    </message>
    <message>
        <source>&lt;b&gt;You declined.&lt;/b&gt; Record {0}, signed with your key. Nothing will be exported; this has no consequence for your job.</source>
        <translation>&lt;b&gt;已拒绝。&lt;/b&gt;记录 {0} 已用你的密钥签名。不会导出任何内容；这不会对你的工作产生任何影响。</translation>
    </message>
</context>
<context>
    <name>CountersignPage</name>
    <message>
        <source>Go to Keys</source>
        <translation>前往“密钥”</translation>
    </message>
    <message>
        <source>Open package…</source>
        <translation>打开数据包…</translation>
    </message>
    <message>
        <source>Open a package (Ctrl+Shift+O)</source>
        <translation>打开数据包（Ctrl+Shift+O）</translation>
    </message>
    <message>
        <source>Drop a .cwpkg package here, or click to choose one.</source>
        <translation>把 .cwpkg 数据包拖到这里，或点击选择文件。</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>核验结果</translation>
    </message>
    <message>
        <source>What the employee redacted</source>
        <translation>员工做了哪些脱敏</translation>
    </message>
    <message>
        <source>Readable by</source>
        <translation>可读取者</translation>
    </message>
    <message>
        <source>Terms the employee signed</source>
        <translation>员工签署的条款</translation>
    </message>
    <message>
        <source>Countersign…</source>
        <translation>会签…</translation>
    </message>
    <message>
        <source>Print / Save summary as PDF…</source>
        <translation>打印 / 将摘要存为 PDF…</translation>
    </message>
    <message>
        <source>A one-page summary of the terms and parties (Ctrl+P)</source>
        <translation>一页纸的条款与各方摘要（Ctrl+P）</translation>
    </message>
    <message>
        <source>When an employee sends you a package, open it here. You will see whether it verifies and exactly what the employee agreed to — who receives it, for what, and until when — without seeing any of its content. Then you countersign it.</source>
        <translation>员工把数据包发给你后，请在这里打开。你会看到它是否通过核验，以及员工具体同意了什么——交给谁、用于什么、保留到哪天——但看不到其中任何内容。确认无误后再会签。</translation>
    </message>
    <message>
        <source>Countersign (HR)</source>
        <translation>会签（HR）</translation>
    </message>
    <message>
        <source>You need an HR identity to countersign. {0}</source>
        <translation>会签需要 HR 身份。{0}</translation>
    </message>
    <message>
        <source>You countersign as {0} · fingerprint {1}</source>
        <translation>你将以 {0} 的身份会签 · 指纹 {1}</translation>
    </message>
    <message>
        <source>Open a package</source>
        <translation>打开数据包</translation>
    </message>
    <message>
        <source>Consent Workbench packages (*.cwpkg);;All files (*)</source>
        <translation>知情同意工作台数据包 (*.cwpkg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Package file: {0}</source>
        <translation>数据包文件：{0}</translation>
    </message>
    <message>
        <source>Checking the package…</source>
        <translation>正在核验数据包……</translation>
    </message>
    <message>
        <source>Checking {0}</source>
        <translation>正在核验 {0}</translation>
    </message>
    <message>
        <source>The ledger does not verify, so its redaction counts are not shown.</source>
        <translation>台账未通过核验，因此不显示其中的脱敏数量。</translation>
    </message>
    <message>
        <source>This package does not verify; do not countersign it. {0}: {1}</source>
        <translation>此数据包未通过核验，请不要会签。{0}：{1}</translation>
    </message>
    <message>
        <source>Already countersigned by HR. The recipients can open it now.</source>
        <translation>HR 已会签，接收方现在可以打开它。</translation>
    </message>
    <message>
        <source>The terms go beyond your own request in {0} ways (listed in red with the terms). Countersign only if you agree to them.</source>
        <translation>这些条款在 {0} 处超出了你自己发出的请求（已在条款中用红色列出）。只有在你同意这些条款时才会签。</translation>
    </message>
    <message>
        <source>Every check passed. Read the terms, then countersign.</source>
        <translation>所有核验均已通过。请阅读条款，然后会签。</translation>
    </message>
    <message>
        <source>✓ your contact, fingerprint checked with its owner</source>
        <translation>✓ 你的联系人，指纹已与本人核对</translation>
    </message>
    <message>
        <source>your contact, fingerprint not yet checked with its owner</source>
        <translation>你的联系人，指纹尚未与本人核对</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <source>Known contact?</source>
        <translation>是否已知联系人？</translation>
    </message>
    <message>
        <source>the employee who exported it (own copy)</source>
        <translation>导出它的员工（本人的副本）</translation>
    </message>
    <message>
        <source>Countersign this package as {0}?

You confirm that {1} agreed to share it with {2} for: {3}.
They must delete it by {4}.</source>
        <translation>以 {0} 的身份会签此数据包？

你确认 {1} 同意将其提供给 {2}，用途：{3}。
对方须在 {4} 之前删除。</translation>
    </message>
    <message>
        <source>Countersign</source>
        <translation>会签</translation>
    </message>
    <message>
        <source>Countersigning {0}</source>
        <translation>正在会签 {0}</translation>
    </message>
    <message>
        <source>Terms wider than your request</source>
        <translation>条款超出了你的请求</translation>
    </message>
    <message>
        <source>The employee&apos;s terms go beyond the request you sent:

{0}

Countersign these wider terms anyway?</source>
        <translation>员工的条款超出了你发出的请求：

{0}

仍要会签这些更宽的条款吗？</translation>
    </message>
    <message>
        <source>Countersigned. Send {0} to the recipients ({1}); they can open it now.</source>
        <translation>已会签。请把 {0} 发给接收方（{1}），对方现在可以打开了。</translation>
    </message>
    <message>
        <source>Consent package summary</source>
        <translation>同意数据包摘要</translation>
    </message>
    <message>
        <source>Printed {0}. This summary lists terms, parties and counts only; it holds none of the package&apos;s content.</source>
        <translation>打印于 {0}。本摘要只列出条款、各方和数量，不含数据包的任何内容。</translation>
    </message>
    <message>
        <source>Save summary as PDF</source>
        <translation>将摘要存为 PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Saving the summary</source>
        <translation>正在保存摘要</translation>
    </message>
    <message>
        <source>Saved the summary to {0}.</source>
        <translation>摘要已保存到 {0}。</translation>
    </message>
</context>
<context>
    <name>CreateIdentityDialog</name>
    <message>
        <source>Create an identity</source>
        <translation>创建身份</translation>
    </message>
    <message>
        <source>An identity is a pair of keys for one role. Make one for each role you have in this process.</source>
        <translation>一个身份就是某个角色的一对密钥。你在流程中担任几个角色，就为每个角色各建一个。</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>邮箱：</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
</context>
<context>
    <name>Deadlines</name>
    <message>
        <source>active</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>due soon</source>
        <translation>即将到期</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>withdrawn (due now)</source>
        <translation>已撤回（须立即删除）</translation>
    </message>
    <message>
        <source>deleted ✓</source>
        <translation>已删除 ✓</translation>
    </message>
</context>
<context>
    <name>DeadlinesPage</name>
    <message>
        <source>Package</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>方向</translation>
    </message>
    <message>
        <source>With</source>
        <translation>对方</translation>
    </message>
    <message>
        <source>Delete by</source>
        <translation>删除截止日</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>No packages yet. Packages you export, and packages you open as a recipient, appear here with the date by which they must be deleted.</source>
        <translation>还没有数据包。你导出的数据包，以及你作为接收方打开的数据包，都会连同删除期限显示在这里。</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Import receipt…</source>
        <translation>导入删除回执…</translation>
    </message>
    <message>
        <source>A recipient&apos;s signed deletion receipt marks your export deleted ✓</source>
        <translation>导入接收方签名的删除回执后，你的导出会标记为“已删除 ✓”</translation>
    </message>
    <message>
        <source>Import revocation…</source>
        <translation>导入撤回文件…</translation>
    </message>
    <message>
        <source>An employee&apos;s revocation: the package can no longer be opened and is due now</source>
        <translation>员工的撤回文件：导入后该数据包不能再打开，并须立即删除</translation>
    </message>
    <message>
        <source>Withdraw consent…</source>
        <translation>撤回同意…</translation>
    </message>
    <message>
        <source>Select one of your exports, then write a signed revocation to send to its recipients</source>
        <translation>先选中你的一个导出，再生成签名的撤回文件发给接收方</translation>
    </message>
    <message>
        <source>Copies taken outside Consent Workbench are beyond its reach.</source>
        <translation>在知情同意工作台之外留存的副本，本工具无法管控。</translation>
    </message>
    <message>
        <source>Every package you exported or hold, and the date by which it must be deleted. A package is deleted ✓ once its recipients&apos; signed receipts are imported.</source>
        <translation>你导出或持有的每个数据包，以及它必须删除的日期。导入接收方签名的删除回执后，数据包即标记为“已删除 ✓”。</translation>
    </message>
    <message>
        <source>Deadlines</source>
        <translation>删除期限</translation>
    </message>
    <message>
        <source>{0} — delete by {1} ({2})</source>
        <translation>{0} — 删除截止日 {1}（{2}）</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发出</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>due now</source>
        <translation>须立即删除</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>已逾期 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Import a deletion receipt</source>
        <translation>导入删除回执</translation>
    </message>
    <message>
        <source>Deletion receipts (*.receipt.json *.json);;All files (*)</source>
        <translation>删除回执 (*.receipt.json *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking the receipt</source>
        <translation>正在核验回执</translation>
    </message>
    <message>
        <source>This receipt was already imported: {0} deleted package {1} on {2}. Nothing was changed.</source>
        <translation>此回执此前已导入：{0} 已于 {2} 删除数据包 {1}。未做任何更改。</translation>
    </message>
    <message>
        <source>Receipt verified: {0} deleted package {1} on {2}.</source>
        <translation>回执核验通过：{0} 已于 {2} 删除数据包 {1}。</translation>
    </message>
    <message>
        <source>Where is the exported package {0}?</source>
        <translation>导出的数据包 {0} 在哪里？</translation>
    </message>
    <message>
        <source>Consent Workbench packages (*.cwpkg)</source>
        <translation>知情同意工作台数据包 (*.cwpkg)</translation>
    </message>
    <message>
        <source>Withdraw consent</source>
        <translation>撤回同意</translation>
    </message>
    <message>
        <source>Withdraw your consent for package {0} sent to {1}?

You will save a signed revocation file. Send it to the recipients: once they import it the package can no longer be opened and must be deleted. This cannot be undone.</source>
        <translation>撤回你对发给 {1} 的数据包 {0} 的同意？

你将保存一份签名的撤回文件，请把它发给接收方：对方导入后，该数据包不能再打开，并且必须删除。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Save the revocation</source>
        <translation>保存撤回文件</translation>
    </message>
    <message>
        <source>Revocations (*.revocation)</source>
        <translation>撤回文件 (*.revocation)</translation>
    </message>
    <message>
        <source>Withdrawing consent</source>
        <translation>正在撤回同意</translation>
    </message>
    <message>
        <source>Consent was already withdrawn on {0}; the same revocation was saved again as {1} for you to resend to {2}. Nothing new was recorded.</source>
        <translation>你已于 {0} 撤回同意；同一份撤回文件已再次保存为 {1}，供你重新发给 {2}。没有记录新的条目。</translation>
    </message>
    <message>
        <source>Consent withdrawn. Send {0} to {1}; they must delete the package and send you a receipt.</source>
        <translation>已撤回同意。请把 {0} 发给 {1}；对方必须删除数据包，并给你发回删除回执。</translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message>
        <source>Open a workspace to start. When its material is reviewed and you have consented, you export it here.</source>
        <translation>请先打开一个工作区。材料审阅完毕、你也给出同意后，就可以在这里导出。</translation>
    </message>
    <message>
        <source>Before you can export</source>
        <translation>导出之前还需要</translation>
    </message>
    <message>
        <source>Each item below stops the export. Fix it on the page its button opens, then come back.</source>
        <translation>下面每一项都会阻止导出。点按钮到对应页面处理好，再回到这里。</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the encrypted package (Ctrl+Shift+E)</source>
        <translation>保存加密的数据包（Ctrl+Shift+E）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Show in folder</source>
        <translation>在文件夹中显示</translation>
    </message>
    <message>
        <source>Go to Deadlines</source>
        <translation>前往“删除期限”</translation>
    </message>
    <message>
        <source>Ready to export</source>
        <translation>可以导出了</translation>
    </message>
    <message>
        <source>The package is encrypted so only the recipients below can open it, and signed by you. HR countersigns it before the recipients can open it.</source>
        <translation>数据包经过加密，只有下列接收方能打开，并由你签名。HR 会签后，接收方才能打开。</translation>
    </message>
    <message>
        <source>What you are about to send</source>
        <translation>你将要发送的内容</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Checking what would leave…</source>
        <translation>正在检查将要导出的内容…</translation>
    </message>
    <message>
        <source>Go to Review</source>
        <translation>前往“审阅”</translation>
    </message>
    <message>
        <source>Go to Consent</source>
        <translation>前往“同意”</translation>
    </message>
    <message>
        <source>Go to Keys</source>
        <translation>前往“密钥”</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>接收方</translation>
    </message>
    <message>
        <source>To be countersigned by</source>
        <translation>会签人</translation>
    </message>
    <message>
        <source>Purposes</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Delete by</source>
        <translation>删除截止日</translation>
    </message>
    <message numerus="yes">
        <source>{0} (%n day(s) from today)</source>
        <translation>
            <numerusform>{0}（距今 %n 天）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n approved item(s)</source>
        <translation>
            <numerusform>%n 项已批准的材料</numerusform>
        </translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Export the package</source>
        <translation>导出数据包</translation>
    </message>
    <message>
        <source>Consent Workbench packages (*.cwpkg)</source>
        <translation>知情同意工作台数据包 (*.cwpkg)</translation>
    </message>
    <message>
        <source>Replace the package?</source>
        <translation>替换这个数据包？</translation>
    </message>
    <message>
        <source>{0} already exists. Replace it with the new package?</source>
        <translation>{0} 已存在。要用新的数据包替换它吗？</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>替换</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始……</translation>
    </message>
    <message>
        <source>Exporting {0}</source>
        <translation>正在导出 {0}</translation>
    </message>
    <message>
        <source>Building the skill folder…</source>
        <translation>正在生成技能文件夹……</translation>
    </message>
    <message>
        <source>Encrypting…</source>
        <translation>正在加密……</translation>
    </message>
    <message>
        <source>Signing…</source>
        <translation>正在签名……</translation>
    </message>
    <message>
        <source>Writing the package…</source>
        <translation>正在写入数据包……</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消……</translation>
    </message>
    <message>
        <source>Exported ✓  {0} files, saved to {1}
Package id: {2}

Next: send this file to {3} (HR) to countersign. After that the recipients ({4}) can open it; they must delete it by {5}. You can follow it under Deadlines.</source>
        <translation>已导出 ✓  共 {0} 个文件，保存在 {1}
数据包编号：{2}

下一步：把这个文件发给 {3}（HR）会签。会签后接收方（{4}）才能打开，并须在 {5} 之前删除。你可以在“删除期限”里跟进。</translation>
    </message>
    <message>
        <source>Export cancelled; no package was written.</source>
        <translation>已取消导出，没有生成数据包。</translation>
    </message>
</context>
<context>
    <name>FindingPanel</name>
    <message>
        <source>Selected finding</source>
        <translation>当前选中的内容</translation>
    </message>
    <message>
        <source>Click a coloured passage in the text, or a box on a picture, to see what was found and decide what happens to it.</source>
        <translation>点击文字中带颜色的部分，或图片上的方框，查看识别出的内容并决定如何处理。</translation>
    </message>
    <message>
        <source>Findings in this item</source>
        <translation>本条中识别出的内容</translation>
    </message>
    <message>
        <source>About:</source>
        <translation>涉及：</translation>
    </message>
    <message>
        <source>Confidence:</source>
        <translation>可信度：</translation>
    </message>
    <message>
        <source>Found by:</source>
        <translation>识别方式：</translation>
    </message>
    <message>
        <source>Decision:</source>
        <translation>处理方式：</translation>
    </message>
    <message>
        <source>Redact</source>
        <translation>遮盖</translation>
    </message>
    <message>
        <source>Hide it behind a placeholder such as [PHONE].</source>
        <translation>用 [电话] 这样的占位符替换它。</translation>
    </message>
    <message>
        <source>Use alias</source>
        <translation>用代称</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Apply to every occurrence</source>
        <translation>所有出现的地方都这样处理</translation>
    </message>
    <message>
        <source>Decide the same for this value wherever it appears in the workspace.</source>
        <translation>这个内容在工作区里出现的每一处，都按同样方式处理。</translation>
    </message>
    <message>
        <source>Remove this redaction</source>
        <translation>撤掉这处遮盖</translation>
    </message>
    <message>
        <source>Remove a redaction you made by mistake (Delete).</source>
        <translation>撤掉误加的遮盖（Delete 键）。</translation>
    </message>
    <message>
        <source>Area of the picture: {0}×{1} at ({2}, {3})</source>
        <translation>图片区域：{0}×{1}，位置 ({2}, {3})</translation>
    </message>
    <message>
        <source>Leave it as it is in the export.</source>
        <translation>导出时原样保留。</translation>
    </message>
    <message>
        <source>Replace it with an alias such as Colleague A, the same everywhere.</source>
        <translation>替换成“同事A”这样的代称，各处保持一致。</translation>
    </message>
    <message>
        <source>area of the picture</source>
        <translation>图片区域</translation>
    </message>
    <message>
        <source>{0}: {1} — {2}</source>
        <translation>{0}：{1} — {2}</translation>
    </message>
    <message>
        <source>Nothing was found here.</source>
        <translation>这里没有识别出敏感内容。</translation>
    </message>
    <message>
        <source>{0} found, {1} still need a decision.</source>
        <translation>共识别出 {0} 处，还有 {1} 处待处理。</translation>
    </message>
    <message>
        <source>{0} found, all decided.</source>
        <translation>共识别出 {0} 处，均已处理。</translation>
    </message>
</context>
<context>
    <name>KeyStorage</name>
    <message>
        <source>Your private keys stay on this computer, in the system keyring (the password store that your login protects). Only the public part, your identity card, is ever shared.</source>
        <translation>你的私钥保存在这台电脑的系统钥匙串中（由你的登录密码保护的密码库）。对外分享的只有公开部分，也就是你的身份卡。</translation>
    </message>
    <message>
        <source>Your private keys are kept in a passphrase-protected file ({0}), because this computer has no system keyring. Keep the passphrase safe: nobody can recover it.</source>
        <translation>由于这台电脑没有系统钥匙串，你的私钥保存在一个受口令保护的文件中（{0}）。请妥善保管口令：任何人都无法帮你找回。</translation>
    </message>
    <message>
        <source>This computer has no system keyring, so your private keys are kept in a passphrase-protected file ({0}). You choose the passphrase when the keys are first made; keep it safe, nobody can recover it. Only the public part, your identity card, is ever shared.</source>
        <translation>这台电脑没有系统钥匙串，所以你的私钥会保存在一个受口令保护的文件中（{0}）。首次生成密钥时由你设定口令；请妥善保管，任何人都无法帮你找回。对外分享的只有公开部分，也就是你的身份卡。</translation>
    </message>
</context>
<context>
    <name>KeyringBanner</name>
    <message>
        <source>Got it</source>
        <translation>知道了</translation>
    </message>
    <message>
        <source>Hide this notice; it comes back if the keys move to another file.</source>
        <translation>隐藏此提示；如果密钥改存到另一个文件，它会再次出现。</translation>
    </message>
    <message>
        <source>No system keyring: your private keys and workspace keys are kept in a passphrase-protected file ({0}). You will be asked for the passphrase when you open a workspace, sign or open packages; keep it safe, because nobody can recover the keys, or the workspace, without it.</source>
        <translation>没有系统钥匙串：你的私钥和工作区密钥保存在受口令保护的文件中（{0}）。打开工作区、签署或打开数据包时会要求你输入口令；请妥善保管，没有口令，任何人都无法恢复这些密钥，也无法读取工作区。</translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <source>Keys &amp; contacts</source>
        <translation>密钥与联系人</translation>
    </message>
    <message>
        <source>Your identity lets others check that what you sign comes from you. Contacts are the people you exchange packages with: import their identity card, then check its fingerprint with them by phone or in person.</source>
        <translation>你的身份可以让别人确认你签署的内容确实出自你本人。联系人是与你交换数据包的人：导入他们的身份卡后，请通过电话或当面与对方核对指纹。</translation>
    </message>
    <message>
        <source>Your identities</source>
        <translation>你的身份</translation>
    </message>
    <message>
        <source>You have no identity yet. Create one to sign consent, countersign or open packages.</source>
        <translation>你还没有身份。创建一个身份后，才能签署同意书、会签或打开数据包。</translation>
    </message>
    <message>
        <source>&amp;Create identity…</source>
        <translation>创建身份(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Export card…</source>
        <translation>导出身份卡(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the selected identity&apos;s public card to send to the other parties.</source>
        <translation>保存所选身份的公开身份卡，以便发给其他各方。</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>No contacts yet. Ask HR and the receiving team for their identity card (a .wbid.json file) and import it here.</source>
        <translation>还没有联系人。请向 HR 和接收方索取他们的身份卡（.wbid.json 文件），并在这里导入。</translation>
    </message>
    <message>
        <source>&amp;Import card…</source>
        <translation>导入身份卡(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Verify fingerprint…</source>
        <translation>核对指纹(&amp;V)……</translation>
    </message>
    <message>
        <source>Compare the selected contact&apos;s fingerprint with the one its owner reads to you, and mark it verified.</source>
        <translation>把所选联系人的指纹与持有人读给你的指纹比对，一致后标记为已核对。</translation>
    </message>
    <message>
        <source>Where your private keys are kept</source>
        <translation>你的私钥保存在哪里</translation>
    </message>
    <message>
        <source>&amp;Keep them in the passphrase file</source>
        <translation>继续保存在口令文件中(&amp;K)</translation>
    </message>
    <message>
        <source>Say that the passphrase file is your choice: the warning about the missing keyring is no longer shown.</source>
        <translation>表明口令文件是你的选择：不再显示缺少系统钥匙串的警告。</translation>
    </message>
    <message>
        <source>The system keyring ({0}).</source>
        <translation>系统钥匙串（{0}）。</translation>
    </message>
    <message>
        <source>&amp;Move keys to a passphrase file…</source>
        <translation>把密钥移到口令文件(&amp;M)…</translation>
    </message>
    <message numerus="yes">
        <source>Moved %n key(s) to {0}; they are kept there from now on.</source>
        <translation>
            <numerusform>已将 %n 个密钥移到{0}；今后密钥保存在那里。</numerusform>
        </translation>
    </message>
    <message>
        <source>A passphrase-protected file ({0}), as you chose.</source>
        <translation>受口令保护的文件（{0}），这是你的选择。</translation>
    </message>
    <message>
        <source>A passphrase-protected file ({0}), because no system keyring was found.</source>
        <translation>受口令保护的文件（{0}），因为没有找到系统钥匙串。</translation>
    </message>
    <message>
        <source>&amp;Move keys to the system keyring…</source>
        <translation>把密钥移到系统钥匙串(&amp;M)…</translation>
    </message>
    <message>
        <source>Move all private keys and workspace keys of this computer account to a passphrase-protected file? You will choose the passphrase next; keep it safe, nobody can recover it.</source>
        <translation>要把这个电脑账户的全部私钥和工作区密钥移到受口令保护的文件中吗？接下来由你设定口令；请妥善保管，任何人都无法帮你找回。</translation>
    </message>
    <message>
        <source>Move all private keys and workspace keys into the system keyring? The passphrase file is deleted once every key reads back from the keyring.</source>
        <translation>要把全部私钥和工作区密钥移到系统钥匙串中吗？每个密钥都能从钥匙串读回后，口令文件才会被删除。</translation>
    </message>
    <message>
        <source>Move keys</source>
        <translation>移动密钥</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <source>Moving keys…</source>
        <translation>正在移动密钥…</translation>
    </message>
    <message>
        <source>the system keyring</source>
        <translation>系统钥匙串</translation>
    </message>
    <message>
        <source>the passphrase-protected file</source>
        <translation>受口令保护的文件</translation>
    </message>
    <message>
        <source>The open workspace ({0}) is encrypted on this computer. Its key is kept with your private keys, in {1}: the workspace opens only under this user account.</source>
        <translation>当前打开的工作区（{0}）在这台电脑上是加密存储的。它的密钥和你的私钥保存在一起，位于{1}中：只有在这个用户账户下才能打开该工作区。</translation>
    </message>
    <message>
        <source>Create identity</source>
        <translation>创建身份</translation>
    </message>
    <message>
        <source>You already have the identity {0}. A second one with the same role and name or email is easily mistaken for it. Create a second one anyway?</source>
        <translation>你已经有身份 {0}。再创建一个角色相同、名字或邮箱也相同的身份，很容易与它混淆。仍要再创建一个吗？</translation>
    </message>
    <message>
        <source>Create a second one</source>
        <translation>再创建一个</translation>
    </message>
    <message>
        <source>Creating keys for {0}…</source>
        <translation>正在为 {0} 生成密钥…</translation>
    </message>
    <message>
        <source>Created the identity {0} ({1}). Its fingerprint is {2}. Export its card and send it to the people you work with.</source>
        <translation>已创建身份 {0}（{1}），指纹为 {2}。请导出身份卡，发给与你合作的人。</translation>
    </message>
    <message>
        <source>Select the identity whose card you want to export.</source>
        <translation>请选择要导出身份卡的身份。</translation>
    </message>
    <message>
        <source>Save identity card</source>
        <translation>保存身份卡</translation>
    </message>
    <message>
        <source>Identity cards (*.wbid.json)</source>
        <translation>身份卡 (*.wbid.json)</translation>
    </message>
    <message>
        <source>Saved your identity card to {0}. Send it to the other parties; when they import it, read them your fingerprint: {1}</source>
        <translation>你的身份卡已保存到 {0}。请发给其他各方；对方导入时，请把你的指纹读给他们听：{1}</translation>
    </message>
    <message>
        <source>Import an identity card</source>
        <translation>导入身份卡</translation>
    </message>
    <message>
        <source>Identity cards (*.wbid.json);;All files (*)</source>
        <translation>身份卡 (*.wbid.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&amp;Verify again…</source>
        <translation>重新核对(&amp;V)……</translation>
    </message>
</context>
<context>
    <name>Legend</name>
    <message>
        <source>Bright: needs a decision · Struck out: redacted</source>
        <translation>醒目底色：待处理 · 删除线：将遮盖</translation>
    </message>
    <message>
        <source>Dashed underline: alias · Dotted: kept</source>
        <translation>虚线下划线：代称 · 点状下划线：保留</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0}（{1}）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Consent Workbench</source>
        <translation>知情同意工作台</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New workspace…</source>
        <translation>新建工作区(&amp;N)……</translation>
    </message>
    <message>
        <source>&amp;Open workspace…</source>
        <translation>打开工作区(&amp;O)……</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Copy &amp;diagnostics</source>
        <translation>复制诊断信息(&amp;D)</translation>
    </message>
    <message>
        <source>Copy versions, platform, key store and the last log lines, for a bug report. Nothing about you or your material is included.</source>
        <translation>复制版本、平台、密钥库类型和最近的日志行，用于报告问题。不包含关于你或你的材料的任何内容。</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>（暂无）</translation>
    </message>
    <message>
        <source>Diagnostics copied to the clipboard: versions, platform, key store and the last log lines, nothing about you or your material.</source>
        <translation>诊断信息已复制到剪贴板：版本、平台、密钥库类型和最近的日志行，不含关于你或你的材料的任何内容。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language is used from the next start.</source>
        <translation>新语言将在下次启动时生效。</translation>
    </message>
    <message>
        <source>Open a workspace folder</source>
        <translation>打开工作区文件夹</translation>
    </message>
    <message>
        <source>No workspace open</source>
        <translation>未打开工作区</translation>
    </message>
    <message>
        <source>{0} of {1} reviewed · {2} approved · {3} excluded</source>
        <translation>已审阅 {0}/{1} · 已批准 {2} · 已排除 {3}</translation>
    </message>
    <message>
        <source>Consent Workbench — {0}</source>
        <translation>知情同意工作台 — {0}</translation>
    </message>
    <message>
        <source>Preparing the demo workspace…</source>
        <translation>正在准备演示工作区……</translation>
    </message>
</context>
<context>
    <name>NewWorkspaceWizard</name>
    <message>
        <source>New workspace</source>
        <translation>新建工作区</translation>
    </message>
    <message>
        <source>Set up your workspace</source>
        <translation>设置你的工作区</translation>
    </message>
    <message>
        <source>A workspace is a folder on this computer that holds the materials you import, what you decide about them and your consent. Nothing leaves it until you export a package.</source>
        <translation>工作区是这台电脑上的一个文件夹，保存你导入的材料、你对它们的处理决定以及你的同意书。在你导出数据包之前，任何内容都不会离开这里。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>About you — so your own data is recognised as yours</source>
        <translation>关于你——让系统认出哪些是你自己的信息</translation>
    </message>
    <message>
        <source>Your own name, email and phone are told apart from your colleagues&apos;: colleagues are replaced by aliases such as &quot;Colleague A&quot;, while your name stays and your phone number is removed. Give every way you are written.</source>
        <translation>系统会把你自己的姓名、邮箱和电话与同事的区分开：同事会被替换为“同事A”这样的代称，你的姓名会保留，你的电话号码会被删除。请填写你的所有写法。</translation>
    </message>
    <message>
        <source>One per line, Chinese and pinyin, e.g.
娜娜
Lina Li</source>
        <translation>每行一个，中文和拼音都填，例如：
娜娜
Lina Li</translation>
    </message>
    <message>
        <source>One per line</source>
        <translation>每行一个</translation>
    </message>
    <message>
        <source>One per line, e.g. 139 1234 5678</source>
        <translation>每行一个，例如：139 1234 5678</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>你的姓名：</translation>
    </message>
    <message>
        <source>Other names:</source>
        <translation>其他称呼：</translation>
    </message>
    <message>
        <source>Emails:</source>
        <translation>邮箱：</translation>
    </message>
    <message>
        <source>Phones:</source>
        <translation>电话：</translation>
    </message>
    <message>
        <source>Skip for now</source>
        <translation>暂时跳过</translation>
    </message>
    <message>
        <source>Create workspace</source>
        <translation>创建工作区</translation>
    </message>
    <message>
        <source>Folder for the workspace</source>
        <translation>工作区所在文件夹</translation>
    </message>
    <message>
        <source>Choose a folder for the workspace.</source>
        <translation>请为工作区选择一个文件夹。</translation>
    </message>
</context>
<context>
    <name>PackageView</name>
    <message>
        <source>Recipients you did not name</source>
        <translation>你未指定的接收方</translation>
    </message>
    <message>
        <source>Purposes you did not ask for</source>
        <translation>你未请求的用途</translation>
    </message>
    <message>
        <source>A later delete-by date</source>
        <translation>更晚的删除截止日</translation>
    </message>
    <message>
        <source>Another controller</source>
        <translation>不同的处理者</translation>
    </message>
    <message>
        <source>Another jurisdiction</source>
        <translation>不同的司法管辖区</translation>
    </message>
    <message>
        <source>Another storage location</source>
        <translation>不同的存储地点</translation>
    </message>
    <message>
        <source>Cross-border transfer</source>
        <translation>跨境传输</translation>
    </message>
    <message>
        <source>Other licence terms</source>
        <translation>不同的许可条款</translation>
    </message>
    <message>
        <source>Separate consent you did not ask for</source>
        <translation>你未请求的单独同意</translation>
    </message>
    <message>
        <source>Another countersigner</source>
        <translation>不同的会签人</translation>
    </message>
    <message>
        <source>{0}: {1} (you asked for {2})</source>
        <translation>{0}：{1}（你请求的是 {2}）</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Email addresses</source>
        <translation>邮箱地址</translation>
    </message>
    <message>
        <source>Phone numbers</source>
        <translation>电话号码</translation>
    </message>
    <message>
        <source>ID card numbers</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Passport numbers</source>
        <translation>护照号</translation>
    </message>
    <message>
        <source>Bank card numbers</source>
        <translation>银行卡号</translation>
    </message>
    <message>
        <source>Credit card numbers</source>
        <translation>信用卡号</translation>
    </message>
    <message>
        <source>Bank account numbers</source>
        <translation>银行账号</translation>
    </message>
    <message>
        <source>IP addresses</source>
        <translation>IP 地址</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Web links</source>
        <translation>网址链接</translation>
    </message>
    <message>
        <source>Dates and times</source>
        <translation>日期和时间</translation>
    </message>
    <message>
        <source>Passwords and keys</source>
        <translation>密码和密钥</translation>
    </message>
    <message>
        <source>Employee numbers</source>
        <translation>员工编号</translation>
    </message>
    <message>
        <source>US Social Security numbers</source>
        <translation>美国社会安全号</translation>
    </message>
    <message>
        <source>Car plate numbers</source>
        <translation>车牌号</translation>
    </message>
    <message>
        <source>Dates of birth</source>
        <translation>出生日期</translation>
    </message>
    <message>
        <source>Sensitive: {0}</source>
        <translation>敏感信息：{0}</translation>
    </message>
    <message>
        <source>Delete by</source>
        <translation>删除截止日</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>{0} files</source>
        <translation>{0} 个文件</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>HR countersigner</source>
        <translation>HR 会签人</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>接收方</translation>
    </message>
    <message>
        <source>Company (controller)</source>
        <translation>公司（个人信息处理者）</translation>
    </message>
    <message>
        <source>Parties</source>
        <translation>各方</translation>
    </message>
    <message>
        <source>Purposes</source>
        <translation>用途</translation>
    </message>
    <message>
        <source>Kind of data</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Sensitive</source>
        <translation>敏感</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Data in the package</source>
        <translation>数据包中的数据</translation>
    </message>
    <message>
        <source>Separate consent</source>
        <translation>单独同意</translation>
    </message>
    <message>
        <source>none (sensitive details were not kept)</source>
        <translation>无（未保留敏感细节）</translation>
    </message>
    <message>
        <source>fee {0}</source>
        <translation>费用 {0}</translation>
    </message>
    <message>
        <source>until {0}</source>
        <translation>有效期至 {0}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可</translation>
    </message>
    <message>
        <source>What was redacted</source>
        <translation>脱敏情况</translation>
    </message>
    <message>
        <source>Kind of information</source>
        <translation>信息类型</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>已移除</translation>
    </message>
    <message>
        <source>Replaced by an alias</source>
        <translation>已替换为化名</translation>
    </message>
    <message>
        <source>Nothing was redacted.</source>
        <translation>没有做任何脱敏。</translation>
    </message>
    <message>
        <source>Where and under which law</source>
        <translation>存储地点与适用法律</translation>
    </message>
    <message>
        <source>Jurisdiction</source>
        <translation>司法管辖区</translation>
    </message>
    <message>
        <source>Storage location</source>
        <translation>存储地点</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>未说明</translation>
    </message>
    <message>
        <source>Consent record</source>
        <translation>同意记录</translation>
    </message>
    <message>
        <source>Signed at</source>
        <translation>签署时间</translation>
    </message>
    <message>
        <source>Notice shown</source>
        <translation>展示的告知书</translation>
    </message>
    <message>
        <source>version {0}, {1}, sha256 {2}</source>
        <translation>版本 {0}，{1}，sha256 {2}</translation>
    </message>
    <message>
        <source>From HR&apos;s request</source>
        <translation>来自 HR 的请求</translation>
    </message>
    <message>
        <source>Deletion</source>
        <translation>删除方式</translation>
    </message>
    <message>
        <source>Withdrawal</source>
        <translation>撤回方式</translation>
    </message>
    <message>
        <source>Artifacts</source>
        <translation>材料数</translation>
    </message>
    <message>
        <source>Wider than your own request</source>
        <translation>超出你自己的请求</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Passphrase for your private keys</source>
        <translation>私钥口令</translation>
    </message>
    <message>
        <source>Your private keys will be kept in a file protected by a passphrase, as you chose. Choose the passphrase now; you will be asked for it when you sign or open packages. Keep it safe: without it the keys cannot be recovered and nobody can reset it.</source>
        <translation>按照你的选择，你的私钥将保存在一个受口令保护的文件中。现在请设定口令；签署或打开数据包时会要求你输入它。请妥善保管：没有口令，密钥无法恢复，也没有人能帮你重置。</translation>
    </message>
    <message>
        <source>This computer has no system keyring, so Consent Workbench keeps your private keys in a file protected by a passphrase. Choose a passphrase now; you will be asked for it when you sign or open packages. Keep it safe: without it the keys cannot be recovered and nobody can reset it.</source>
        <translation>这台电脑没有系统钥匙串，因此“知情同意工作台”会把你的私钥保存在一个受口令保护的文件中。请现在设定口令；以后签署或打开数据包时都需要输入。请妥善保管：忘记口令将无法恢复密钥，也没有人能帮你重置。</translation>
    </message>
    <message>
        <source>Your private keys are kept in a passphrase-protected file because this computer has no system keyring. Enter the passphrase to unlock them for this session.</source>
        <translation>由于这台电脑没有系统钥匙串，你的私钥保存在受口令保护的文件中。请输入口令，在本次使用期间解锁。</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>口令：</translation>
    </message>
    <message>
        <source>Repeat it:</source>
        <translation>再输入一次：</translation>
    </message>
    <message>
        <source>Set passphrase</source>
        <translation>设定口令</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>Enter a passphrase.</source>
        <translation>请输入口令。</translation>
    </message>
    <message>
        <source>The two passphrases do not match.</source>
        <translation>两次输入的口令不一致。</translation>
    </message>
    <message>
        <source>This passphrase is too short: use at least {0} characters (a few unrelated words are easy to remember).</source>
        <translation>这个口令太短：请至少使用 {0} 个字符（几个互不相关的词语容易记住）。</translation>
    </message>
    <message>
        <source>This passphrase is too easy to guess (common words, names, dates or patterns): add more unrelated words.</source>
        <translation>这个口令太容易被猜中（常见词、姓名、日期或规律）：请再加几个互不相关的词语。</translation>
    </message>
</context>
<context>
    <name>ReceivePage</name>
    <message>
        <source>Go to Keys</source>
        <translation>前往“密钥”</translation>
    </message>
    <message>
        <source>Check a package…</source>
        <translation>核验数据包…</translation>
    </message>
    <message>
        <source>Choose a package to check (Ctrl+Shift+O)</source>
        <translation>选择要核验的数据包（Ctrl+Shift+O）</translation>
    </message>
    <message>
        <source>Drop a .cwpkg package here, or click to choose one.</source>
        <translation>把 .cwpkg 数据包拖到这里，或点击选择文件。</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Decrypt the package into a folder you choose</source>
        <translation>把数据包解密到你选择的文件夹</translation>
    </message>
    <message>
        <source>Show folder</source>
        <translation>显示文件夹</translation>
    </message>
    <message>
        <source>Check a package here before you open it: both signatures, the deadline and whether you are one of its recipients. Opening decrypts it into a folder you choose; you must purge it by its delete-by date.</source>
        <translation>打开数据包之前先在这里核验：两个签名、删除期限，以及你是否为接收方。打开时会解密到你选择的文件夹；你必须在删除期限之前将其彻底删除。</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>Delete by</source>
        <translation>删除截止日</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>You hold no packages. Packages you open appear here with their delete-by dates.</source>
        <translation>你目前没有持有数据包。你打开的数据包会连同删除期限显示在这里。</translation>
    </message>
    <message>
        <source>Purge…</source>
        <translation>彻底删除…</translation>
    </message>
    <message>
        <source>Delete the selected package for good and write a signed receipt for the employee</source>
        <translation>永久删除选中的数据包，并为员工生成签名的删除回执</translation>
    </message>
    <message>
        <source>Import revocation…</source>
        <translation>导入撤回文件…</translation>
    </message>
    <message>
        <source>Packages you hold</source>
        <translation>你持有的数据包</translation>
    </message>
    <message>
        <source>Copies taken outside Consent Workbench are beyond its reach.</source>
        <translation>在知情同意工作台之外留存的副本，本工具无法管控。</translation>
    </message>
    <message>
        <source>Receive (recipient)</source>
        <translation>接收（接收方）</translation>
    </message>
    <message>
        <source>You need a recipient identity to open packages. {0}</source>
        <translation>打开数据包需要接收方身份。{0}</translation>
    </message>
    <message>
        <source>You receive as {0} · fingerprint {1}</source>
        <translation>你以 {0} 的身份接收 · 指纹 {1}</translation>
    </message>
    <message>
        <source>Check a package</source>
        <translation>核验数据包</translation>
    </message>
    <message>
        <source>Consent Workbench packages (*.cwpkg);;All files (*)</source>
        <translation>知情同意工作台数据包 (*.cwpkg);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking {0}…</source>
        <translation>正在核验 {0}……</translation>
    </message>
    <message>
        <source>Checking {0}</source>
        <translation>正在核验 {0}</translation>
    </message>
    <message numerus="yes">
        <source>Delete by {0} · %n day(s) from today</source>
        <translation>
            <numerusform>删除截止日 {0} · 距今 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete by {0} · passed %n day(s) ago</source>
        <translation>
            <numerusform>删除截止日 {0} · 已过 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Opened into {0}. Delete it by {1} (%n day(s) from today): purge it below when the work is done, and send the receipt to the employee.</source>
        <translation>
            <numerusform>已解密到 {0}。请在 {1} 之前删除（距今 %n 天）：用完后在下方彻底删除，并把删除回执发给员工。</numerusform>
        </translation>
    </message>
    <message>
        <source>This package cannot be opened. {0}</source>
        <translation>此数据包无法打开。{0}</translation>
    </message>
    <message>
        <source>Every check passed. You may open it; it stays in your custody until you purge it.</source>
        <translation>所有核验均已通过。你可以打开它；在你彻底删除之前，它一直由你保管。</translation>
    </message>
    <message>
        <source>Choose where to open the package</source>
        <translation>选择数据包的解密位置</translation>
    </message>
    <message>
        <source>Opening {0}</source>
        <translation>正在打开 {0}</translation>
    </message>
    <message>
        <source>deleted {0} · receipt: {1}</source>
        <translation>已于 {0} 删除 · 回执：{1}</translation>
    </message>
    <message>
        <source>Purge</source>
        <translation>彻底删除</translation>
    </message>
    <message>
        <source>Delete package {0} from {1} for good?

This removes every opened copy ({2}), the stored copy and the package file, and destroys its key. You then get a signed receipt to send to {1}.</source>
        <translation>永久删除来自 {1} 的数据包 {0}？

这会删除每一个已解密的副本（{2} 份）、保管副本和数据包文件，并销毁其密钥。随后你会得到一份签名的删除回执，请发给 {1}。</translation>
    </message>
    <message>
        <source>Save the deletion receipt</source>
        <translation>保存删除回执</translation>
    </message>
    <message>
        <source>Deletion receipts (*.receipt.json *.json)</source>
        <translation>删除回执 (*.receipt.json *.json)</translation>
    </message>
    <message>
        <source>Purging {0}</source>
        <translation>正在彻底删除 {0}</translation>
    </message>
    <message>
        <source>Deleted package {0}. The signed receipt is at {1} — send it to {2} so they can see it is gone.</source>
        <translation>数据包 {0} 已删除。签名的删除回执在 {1}——请发给 {2}，让对方确认已删除。</translation>
    </message>
</context>
<context>
    <name>ReviewCategories</name>
    <message>
        <source>Names</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Contact details</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <source>IDs and cards</source>
        <translation>证件与卡号</translation>
    </message>
    <message>
        <source>Secrets</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Sensitive topics</source>
        <translation>敏感话题</translation>
    </message>
    <message>
        <source>Your redactions</source>
        <translation>手动遮盖</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Needs a decision</source>
        <translation>待处理</translation>
    </message>
    <message>
        <source>Redact</source>
        <translation>遮盖</translation>
    </message>
    <message>
        <source>Replace with alias</source>
        <translation>替换为代称</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你本人</translation>
    </message>
    <message>
        <source>Someone else — shown as {0}</source>
        <translation>他人，显示为 {0}</translation>
    </message>
    <message>
        <source>Someone else</source>
        <translation>他人</translation>
    </message>
    <message>
        <source>No particular person</source>
        <translation>不涉及具体个人</translation>
    </message>
</context>
<context>
    <name>ReviewDocument</name>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>抄送</translation>
    </message>
    <message>
        <source>Bcc</source>
        <translation>密送</translation>
    </message>
    <message>
        <source>Reply to</source>
        <translation>回复至</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Page {0}</source>
        <translation>第 {0} 页</translation>
    </message>
    <message>
        <source>Unknown sender</source>
        <translation>未知发送人</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Review</source>
        <translation>审阅</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一条</translation>
    </message>
    <message>
        <source>Previous item</source>
        <translation>上一条</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一条</translation>
    </message>
    <message>
        <source>Next item</source>
        <translation>下一条</translation>
    </message>
    <message>
        <source>Approve and next</source>
        <translation>通过并下一条</translation>
    </message>
    <message>
        <source>Approve this item as it will be exported, then go to the next</source>
        <translation>按导出后的样子通过这一条，然后转到下一条</translation>
    </message>
    <message>
        <source>Exclude and next</source>
        <translation>排除并下一条</translation>
    </message>
    <message>
        <source>Leave this item out of the export, then go to the next</source>
        <translation>导出时不包含这一条，然后转到下一条</translation>
    </message>
    <message>
        <source>Redact selection</source>
        <translation>遮盖选中文字</translation>
    </message>
    <message>
        <source>Redact the selected text</source>
        <translation>遮盖选中的文字</translation>
    </message>
    <message>
        <source>Redact this text everywhere</source>
        <translation>在所有地方遮盖这段文字</translation>
    </message>
    <message>
        <source>Redact the selected text wherever it appears in the workspace</source>
        <translation>在工作区中所有出现的地方遮盖选中的文字</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo the last review action</source>
        <translation>撤销上一步审阅操作</translation>
    </message>
    <message>
        <source>Preview export</source>
        <translation>预览导出效果</translation>
    </message>
    <message>
        <source>Show exactly what will be exported</source>
        <translation>显示实际导出的内容</translation>
    </message>
    <message>
        <source>Next finding to decide</source>
        <translation>下一处待处理内容</translation>
    </message>
    <message>
        <source>Redact finding</source>
        <translation>遮盖此发现</translation>
    </message>
    <message>
        <source>Redact the selected finding</source>
        <translation>遮盖选中的发现</translation>
    </message>
    <message>
        <source>Use alias for finding</source>
        <translation>此发现用代称</translation>
    </message>
    <message>
        <source>Replace the selected finding with its alias</source>
        <translation>用代称替换选中的发现</translation>
    </message>
    <message>
        <source>Keep finding</source>
        <translation>保留此发现</translation>
    </message>
    <message>
        <source>Keep the selected finding</source>
        <translation>保留选中的发现</translation>
    </message>
    <message>
        <source>Approve all ready</source>
        <translation>全部通过可通过项</translation>
    </message>
    <message>
        <source>Approve, as one step you can undo, every item with nothing left to decide (pictures still need you to look at them)</source>
        <translation>把所有已无待决定内容的条目一次性通过（可一步撤销；图片仍需你亲自查看）</translation>
    </message>
    <message>
        <source>Apply default policy</source>
        <translation>按默认规则处理</translation>
    </message>
    <message>
        <source>Decide every finding that still needs a decision, in all items, by the default rules: secrets and ID numbers redacted, colleagues replaced by aliases, your own name kept</source>
        <translation>按默认规则处理所有条目中尚未处理的内容：密钥和证件号遮盖，同事替换为代称，你自己的姓名保留</translation>
    </message>
    <message>
        <source>Pending only</source>
        <translation>只看待审阅</translation>
    </message>
    <message>
        <source>Next and Previous skip items that are already approved or excluded.</source>
        <translation>“上一条”“下一条”会跳过已通过或已排除的条目。</translation>
    </message>
    <message>
        <source>This item has no text.</source>
        <translation>这一条没有文字内容。</translation>
    </message>
    <message>
        <source>Keys: J / K next / previous · A approve and next · X exclude and next · N next finding · 1 / 2 / 3 redact / alias / keep it · R redact selection · P preview · Ctrl+Z undo</source>
        <translation>快捷键：J / K 下一条 / 上一条 · A 通过并下一条 · X 排除并下一条 · N 下一处待处理 · 1 / 2 / 3 遮盖 / 用代称 / 保留 · R 遮盖选中文字 · P 预览 · Ctrl+Z 撤销</translation>
    </message>
    <message>
        <source>Open a workspace to start reviewing.</source>
        <translation>请先打开一个工作区，再开始审阅。</translation>
    </message>
    <message>
        <source>This workspace has nothing to review yet. Import your chats, emails, documents or pictures first.</source>
        <translation>这个工作区还没有可审阅的内容。请先导入聊天记录、邮件、文档或图片。</translation>
    </message>
    <message>
        <source>This item is no longer in the workspace.</source>
        <translation>这一条已不在工作区中。</translation>
    </message>
    <message>
        <source>Preview: this is exactly what will be exported. Turn the preview off (P) to change decisions.</source>
        <translation>预览：这就是实际导出的内容。如需修改处理方式，请关闭预览（P）。</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s) still need a decision and are shown unchanged.</source>
        <translation>
            <numerusform>还有 %n 处待处理，这里按原文显示。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) are not scanned yet ({0}): press “Scan for personal data” on the Materials page first, then apply the default policy.</source>
        <translation>
            <numerusform>还有 %n 项尚未扫描（{0}）：请先在“材料”页点击“扫描个人信息”，再应用默认规则。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The default policy decided %n finding(s).</source>
        <translation>
            <numerusform>已按默认规则处理 %n 处。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Approved %n item(s) with nothing left to decide. Undo (Ctrl+Z) takes them all back.</source>
        <translation>
            <numerusform>已通过 %n 个无待决定内容的条目。撤销（Ctrl+Z）可全部收回。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s) in this item still need a decision: the first is selected. Decide them, then approve.</source>
        <translation>
            <numerusform>此条目还有 %n 个发现需要决定：已选中第一个。请先决定，再通过。</numerusform>
        </translation>
    </message>
    <message>
        <source>Click a coloured passage to decide about it. Select any other text and press R to redact it.</source>
        <translation>点击带颜色的部分进行处理；选中其他任意文字后按 R 即可遮盖。</translation>
    </message>
    <message>
        <source>Preview: the picture as it will be exported, with the covered areas painted over.</source>
        <translation>预览：图片导出后的样子，遮盖区域已涂黑。</translation>
    </message>
    <message>
        <source>Drag across the picture to cover an area. Click a box to select it; Delete removes it.</source>
        <translation>在图片上拖动即可遮盖一块区域。点击方框可选中，按 Delete 删除。</translation>
    </message>
    <message>
        <source>This picture could not be opened: {0}</source>
        <translation>无法打开这张图片：{0}</translation>
    </message>
    <message>
        <source>{0} of {1} · {2} pending</source>
        <translation>第 {0} 条，共 {1} 条 · {2} 条待审阅</translation>
    </message>
    <message>
        <source>A scan is running: approve once it has finished.</source>
        <translation>正在扫描：扫描完成后再批准。</translation>
    </message>
    <message>
        <source>Checking whether this item can be approved…</source>
        <translation>正在检查这一项能否批准…</translation>
    </message>
    <message>
        <source>Cannot approve: {0}.</source>
        <translation>不能批准：{0}。</translation>
    </message>
    <message>
        <source>Every finding in this item has a decision.</source>
        <translation>这一条中的内容都已处理。</translation>
    </message>
    <message>
        <source>Decided {0} occurrences.</source>
        <translation>已处理 {0} 处。</translation>
    </message>
    <message>
        <source>Select some of the item&apos;s text first.</source>
        <translation>请先选中这一条中的文字。</translation>
    </message>
    <message>
        <source>Redacted {0} occurrences.</source>
        <translation>已遮盖 {0} 处。</translation>
    </message>
    <message>
        <source>Nothing to undo.</source>
        <translation>没有可撤销的操作。</translation>
    </message>
    <message>
        <source>Undoing…</source>
        <translation>正在撤销…</translation>
    </message>
    <message>
        <source>Applying the default policy…</source>
        <translation>正在按默认规则处理…</translation>
    </message>
    <message>
        <source>No item is ready: each one left has a finding to decide, or is a picture to look at.</source>
        <translation>没有可直接通过的条目：剩下的每条都有待决定的发现，或是需要查看的图片。</translation>
    </message>
    <message>
        <source>Approving the items that are ready…</source>
        <translation>正在通过可通过的条目…</translation>
    </message>
    <message>
        <source>Approved.</source>
        <translation>已通过。</translation>
    </message>
    <message>
        <source>Excluded: it will not be exported.</source>
        <translation>已排除：导出时不包含这一条。</translation>
    </message>
    <message>
        <source>Approving…</source>
        <translation>正在通过…</translation>
    </message>
    <message>
        <source>Excluding…</source>
        <translation>正在排除…</translation>
    </message>
    <message>
        <source>Every item is approved or excluded. You can go on to consent and export.</source>
        <translation>所有条目都已通过或排除，可以继续进行授权和导出。</translation>
    </message>
    <message>
        <source>This is the last item.</source>
        <translation>已经是最后一条。</translation>
    </message>
    <message>
        <source>This is the first item.</source>
        <translation>已经是第一条。</translation>
    </message>
</context>
<context>
    <name>Revocations</name>
    <message>
        <source>Import a revocation</source>
        <translation>导入撤回文件</translation>
    </message>
    <message>
        <source>Revocations (*.revocation *.json);;All files (*)</source>
        <translation>撤回文件 (*.revocation *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>This revocation by {0} for package {1} was already imported; nothing was changed.</source>
        <translation>{0} 对数据包 {1} 的撤回文件此前已导入；未做任何更改。</translation>
    </message>
    <message>
        <source>Revocation imported: {0} withdrew consent for package {1}. It can no longer be opened, and every opened copy must be purged now.</source>
        <translation>撤回文件已导入：{0} 撤回了对数据包 {1} 的同意。它不能再打开，每一个已解密的副本都必须立即彻底删除。</translation>
    </message>
    <message>
        <source>Revocation kept: {0} withdrew consent for package {1}, which you have not opened. It will be refused if it arrives from {0}.</source>
        <translation>撤回文件已保存：{0} 撤回了对数据包 {1} 的同意，你尚未打开该数据包。若它由 {0} 发来，将被拒绝打开。</translation>
    </message>
    <message>
        <source>Importing the revocation</source>
        <translation>正在导入撤回文件</translation>
    </message>
</context>
<context>
    <name>RoleChoices</name>
    <message>
        <source>An employee preparing my materials</source>
        <translation>员工：整理我自己的材料</translation>
    </message>
    <message>
        <source>You collect your chats, emails and documents, decide what is removed, and give or decline consent before anything is shared.</source>
        <translation>你收集自己的聊天记录、邮件和文档，决定删除哪些内容，并在任何内容被分享之前表示同意或拒绝。</translation>
    </message>
    <message>
        <source>HR, countersigning consent</source>
        <translation>HR：会签同意书</translation>
    </message>
    <message>
        <source>You check an employee&apos;s signed consent and add the company&apos;s signature before the package goes to the receiving team.</source>
        <translation>你核对员工签署的同意书，并在数据包交给接收方之前加上公司的签名。</translation>
    </message>
    <message>
        <source>A team receiving packages</source>
        <translation>接收方：接收数据包</translation>
    </message>
    <message>
        <source>You open the encrypted packages addressed to you, use them within the agreed terms and delete them by the deadline.</source>
        <translation>你打开发给你的加密数据包，在约定范围内使用，并在期限前删除。</translation>
    </message>
    <message>
        <source>Employee</source>
        <translation>员工</translation>
    </message>
    <message>
        <source>HR</source>
        <translation>HR</translation>
    </message>
    <message>
        <source>Receiving team</source>
        <translation>接收方</translation>
    </message>
</context>
<context>
    <name>TimelineChart</name>
    <message>
        <source>No deadlines to show yet.</source>
        <translation>暂时没有需要显示的删除期限。</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <source>Welcome to Consent Workbench</source>
        <translation>欢迎使用知情同意工作台</translation>
    </message>
    <message>
        <source>Consent Workbench lets people check, clean up and agree to how work materials are used before they become an AI skill, and makes sure the copies are deleted on time. First, tell it who you are here.</source>
        <translation>在工作材料被制作成 AI 技能之前，知情同意工作台让相关人员检查、清理材料并就使用方式达成同意，还会确保副本按时删除。首先，请告诉我们你在这里的身份。</translation>
    </message>
    <message>
        <source>Who are you here?</source>
        <translation>你在这里的身份是？</translation>
    </message>
    <message>
        <source>e.g. 李娜 or Lina Li</source>
        <translation>例如：李娜 或 Lina Li</translation>
    </message>
    <message>
        <source>name@company.com (optional)</source>
        <translation>name@company.com（可选）</translation>
    </message>
    <message>
        <source>Your name:</source>
        <translation>你的姓名：</translation>
    </message>
    <message>
        <source>Work email:</source>
        <translation>工作邮箱：</translation>
    </message>
    <message>
        <source>Your keys</source>
        <translation>你的密钥</translation>
    </message>
    <message>
        <source>Consent Workbench makes a personal signing key for you, so others can tell that what you sign really comes from you.</source>
        <translation>知情同意工作台会为你生成一把个人签名密钥，这样别人就能确认你签署的内容确实出自你本人。</translation>
    </message>
    <message>
        <source>Creating your keys…</source>
        <translation>正在生成你的密钥…</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>以后再说</translation>
    </message>
    <message>
        <source>Create my identity</source>
        <translation>创建我的身份</translation>
    </message>
    <message>
        <source>Your identity is ready, {0}</source>
        <translation>{0}，你的身份已创建好</translation>
    </message>
    <message>
        <source>Role: {0}</source>
        <translation>角色：{0}</translation>
    </message>
    <message>
        <source>Next, set up the workspace where you will collect and review your materials.</source>
        <translation>接下来，设置一个工作区，用来收集和审阅你的材料。</translation>
    </message>
    <message>
        <source>Next, import the identity cards of the people you work with on the Keys &amp; contacts page, and send them yours.</source>
        <translation>接下来，请在“密钥与联系人”页面导入合作方的身份卡，并把你的身份卡发给他们。</translation>
    </message>
    <message>
        <source>Set up my workspace</source>
        <translation>设置我的工作区</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Your fingerprint:</source>
        <translation>你的指纹：</translation>
    </message>
    <message>
        <source>When someone imports your identity card, they will ask you to read this fingerprint aloud, by phone or in person, to be sure the card is really yours.</source>
        <translation>别人导入你的身份卡时，会请你通过电话或当面把这个指纹读出来，以确认身份卡确实是你的。</translation>
    </message>
    <message>
        <source>You can add another role later, and export your identity card, from the Keys &amp; contacts page.</source>
        <translation>之后你可以在“密钥与联系人”页面添加其他角色，或导出你的身份卡。</translation>
    </message>
</context>
</TS>
