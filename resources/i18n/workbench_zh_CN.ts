<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
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
        <source>State</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Consent Workbench</source>
        <translation>知情同意工作台</translation>
    </message>
    <message>
        <source>No workspace is open.</source>
        <translation>尚未打开工作区。</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Consent Workbench — {0}</source>
        <translation>知情同意工作台 — {0}</translation>
    </message>
    <message>
        <source>{0} artifacts · {1} pending review · {2} people</source>
        <translation>{0} 项材料 · {1} 项待审阅 · {2} 位相关人员</translation>
    </message>
    <message>
        <source>Preparing the demo workspace…</source>
        <translation>正在准备演示工作区……</translation>
    </message>
</context>
</TS>