<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ArtifactsPage</name>
    <message numerus="yes">
        <source>Imported %n new item(s) ({0} were already here).</source>
        <translation>
            <numerusform>Imported %n new item ({0} were already here).</numerusform>
            <numerusform>Imported %n new items ({0} were already here).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) were passed over.</source>
        <translation>
            <numerusform>%n file was passed over.</numerusform>
            <numerusform>%n files were passed over.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Scanned %n item(s):</source>
        <translation>
            <numerusform>Scanned %n item:</numerusform>
            <numerusform>Scanned %n items:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s).</source>
        <translation>
            <numerusform>%n finding.</numerusform>
            <numerusform>%n findings.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConsentPage</name>
    <message numerus="yes">
        <source>%n item(s) from workspace “{0}”: {1}</source>
        <translation>
            <numerusform>%n item from workspace “{0}”: {1}</numerusform>
            <numerusform>%n items from workspace “{0}”: {1}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeadlinesPage</name>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>%n day overdue</numerusform>
            <numerusform>%n days overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportPage</name>
    <message numerus="yes">
        <source>{0} (%n day(s) from today)</source>
        <translation>
            <numerusform>{0} (%n day from today)</numerusform>
            <numerusform>{0} (%n days from today)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n approved item(s)</source>
        <translation>
            <numerusform>%n approved item</numerusform>
            <numerusform>%n approved items</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message numerus="yes">
        <source>Moved %n key(s) to {0}; they are kept there from now on.</source>
        <translation>
            <numerusform>Moved %n key to {0}; it is kept there from now on.</numerusform>
            <numerusform>Moved %n keys to {0}; they are kept there from now on.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReceivePage</name>
    <message numerus="yes">
        <source>Delete by {0} · %n day(s) from today</source>
        <translation>
            <numerusform>Delete by {0} · %n day from today</numerusform>
            <numerusform>Delete by {0} · %n days from today</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete by {0} · passed %n day(s) ago</source>
        <translation>
            <numerusform>Delete by {0} · passed %n day ago</numerusform>
            <numerusform>Delete by {0} · passed %n days ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Opened into {0}. Delete it by {1} (%n day(s) from today): purge it below when the work is done, and send the receipt to the employee.</source>
        <translation>
            <numerusform>Opened into {0}. Delete it by {1} (%n day from today): purge it below when the work is done, and send the receipt to the employee.</numerusform>
            <numerusform>Opened into {0}. Delete it by {1} (%n days from today): purge it below when the work is done, and send the receipt to the employee.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message numerus="yes">
        <source>%n finding(s) still need a decision and are shown unchanged.</source>
        <translation>
            <numerusform>%n finding still needs a decision and is shown unchanged.</numerusform>
            <numerusform>%n findings still need a decision and are shown unchanged.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n item(s) are not scanned yet ({0}): press “Scan for personal data” on the Materials page first, then apply the default policy.</source>
        <translation>
            <numerusform>%n item is not scanned yet ({0}): press “Scan for personal data” on the Materials page first, then apply the default policy.</numerusform>
            <numerusform>%n items are not scanned yet ({0}): press “Scan for personal data” on the Materials page first, then apply the default policy.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The default policy decided %n finding(s).</source>
        <translation>
            <numerusform>The default policy decided %n finding.</numerusform>
            <numerusform>The default policy decided %n findings.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Approved %n item(s) with nothing left to decide. Undo (Ctrl+Z) takes them all back.</source>
        <translation>
            <numerusform>Approved %n item with nothing left to decide. Undo (Ctrl+Z) takes it back.</numerusform>
            <numerusform>Approved %n items with nothing left to decide. Undo (Ctrl+Z) takes them all back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s) in this item still need a decision: the first is selected. Decide them, then approve.</source>
        <translation>
            <numerusform>%n finding in this item still needs a decision: it is selected. Decide it, then approve.</numerusform>
            <numerusform>%n findings in this item still need a decision: the first is selected. Decide them, then approve.</numerusform>
        </translation>
    </message>
</context>
</TS>
