<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AuditLogDialog</name>
    <message>
        <location filename="../../pos_app/ui/manager/audit_dialog.py" line="32"/>
        <source>Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/audit_dialog.py" line="35"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/audit_dialog.py" line="35"/>
        <source>Terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/audit_dialog.py" line="35"/>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/audit_dialog.py" line="35"/>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/audit_dialog.py" line="36"/>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BasketModel</name>
    <message>
        <location filename="../../pos_app/ui/basket_view.py" line="52"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/basket_view.py" line="52"/>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/basket_view.py" line="52"/>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/basket_view.py" line="52"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/basket_view.py" line="52"/>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BridgeTokenDialog</name>
    <message>
        <location filename="../../pos_app/ui/manager/bridge_token_dialog.py" line="41"/>
        <source>Bridge token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/bridge_token_dialog.py" line="43"/>
        <source>The host POS sends this token with every request to pos-app. Rotating it makes a new one at once: the host POS must then be given the new token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/bridge_token_dialog.py" line="50"/>
        <source>hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/bridge_token_dialog.py" line="51"/>
        <source>&amp;Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/bridge_token_dialog.py" line="52"/>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/bridge_token_dialog.py" line="53"/>
        <source>&amp;Rotate...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/bridge_token_dialog.py" line="87"/>
        <source>No bridge token yet: it is made when pos-app starts with a secure credential store.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/bridge_token_dialog.py" line="95"/>
        <source>Rotate the bridge token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/bridge_token_dialog.py" line="96"/>
        <source>Make a new bridge token now? The host POS is refused until it is given the new token. Give the reason for the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/bridge_token_dialog.py" line="97"/>
        <source>Rotate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/bridge_token_dialog.py" line="97"/>
        <source>for example: the token was seen on a screenshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/bridge_token_dialog.py" line="117"/>
        <source>New token in force; the old one is refused from now on. Give the new one to the host POS.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CouponDialog</name>
    <message>
        <location filename="../../pos_app/ui/coupon_dialog.py" line="25"/>
        <source>Gameball coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/coupon_dialog.py" line="29"/>
        <source>On this sale: {code}, {value} off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/coupon_dialog.py" line="31"/>
        <source>Scan or type the coupon code the customer shows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/coupon_dialog.py" line="34"/>
        <source>coupon code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/coupon_dialog.py" line="40"/>
        <source>Apply (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/coupon_dialog.py" line="44"/>
        <source>Remove coupon (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/coupon_dialog.py" line="66"/>
        <source>Enter the coupon code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/coupon_dialog.py" line="68"/>
        <source>Asking Gameball...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../pos_app/ui/crash_dialog.py" line="40"/>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/crash_dialog.py" line="43"/>
        <source>pos-app hit an unexpected error and carried on. Sales already paid are safe, and waiting orders are still sent. Tell a manager if this happens again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/crash_dialog.py" line="63"/>
        <source>Error: {error}
Report: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/crash_dialog.py" line="68"/>
        <source>{count} errors since this window opened.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="119"/>
        <source>Thank you!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="122"/>
        <source>You earned {points} points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="125"/>
        <source>About {points} points, confirmed when the till syncs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="129"/>
        <source>Welcome! Ask us about your loyalty points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="131"/>
        <source>To pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="136"/>
        <source>This sale earns {points} points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="138"/>
        <source>This sale earns about {points} points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="141"/>
        <source>This sale earns about {points} points (at the base rate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="145"/>
        <source>We texted a code to your phone to redeem {points} points. Please tell it to the cashier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="153"/>
        <source>Your balance: {points} points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="155"/>
        <source>{tier} tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_display.py" line="157"/>
        <source>{points} points to {tier}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="110"/>
        <source>&amp;Customer (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="111"/>
        <source>Phone number, QR code or customer ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="92"/>
        <source>No customer yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="120"/>
        <source>Ask for the phone number, or scan the customer&apos;s QR code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="93"/>
        <source>phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="93"/>
        <source>QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="93"/>
        <source>customer ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="124"/>
        <source>Looking up the balance...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="130"/>
        <source>Not in Gameball yet. Press F8 to add this customer, or go on: the order adds them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="134"/>
        <source>Balance unknown: Gameball did not answer and this till has not seen the customer before. The sale can go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="148"/>
        <source>{reason}: last known figures, {age} old</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="139"/>
        <source>Available: &lt;b&gt;{points}&lt;/b&gt; points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="94"/>
        <source>{customer} (by {how})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="99"/>
        <source>{tier} tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="101"/>
        <source>{points} points to {tier}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="104"/>
        <source>top tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="106"/>
        <source>as of {age} ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="142"/>
        <source>Pending: {points}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="144"/>
        <source>Expiring: {points} on {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="160"/>
        <source>under a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="162"/>
        <source>{n} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="165"/>
        <source>{n} h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="166"/>
        <source>{n} days</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiscardDialog</name>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="50"/>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="52"/>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="51"/>
        <source>Discard {what}? It will never be sent to Gameball, and the customer gets no points for it. Give the reason for the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="53"/>
        <source>for example: test sale, entered twice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EndOfDayDialog</name>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="49"/>
        <source>Orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="50"/>
        <source>Sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="51"/>
        <source>Delivered to Gameball</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="52"/>
        <source>Still pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="53"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="54"/>
        <source>Needs review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="55"/>
        <source>Points rewarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="56"/>
        <source>Points expected (pending orders)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="57"/>
        <source>Points redeemed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="58"/>
        <source>Refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="59"/>
        <source>Refunded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="60"/>
        <source>Points reversed by refunds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="61"/>
        <source>Discount given, points not taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="62"/>
        <source>Points not taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="63"/>
        <source>Value of points not taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="108"/>
        <source>End of day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="125"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="125"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="134"/>
        <source>Notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="138"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="138"/>
        <source>Notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="138"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="150"/>
        <source>&amp;Print...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="151"/>
        <source>Save as P&amp;DF...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="152"/>
        <source>Export &amp;CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="159"/>
        <source>&amp;Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="203"/>
        <source>all day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="206"/>
        <source>Customer {customer} on {count} sales at till {till}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="209"/>
        <source>{points} points redeemed without OTP or QR at till {till}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="212"/>
        <source>Retried</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="212"/>
        <source>Discarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="213"/>
        <source>Settings changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="213"/>
        <source>API keys changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="214"/>
        <source>Settings imported from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="215"/>
        <source>Bridge token rotated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="216"/>
        <source>{action} {subject} at till {till}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="225"/>
        <source>No notices on this day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="241"/>
        <source>Some of this day&apos;s orders were archived to {files} and are not counted in this summary.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="250"/>
        <source>Loyalty summary {date}, till {terminal}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="265"/>
        <source>Loyalty summary {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="266"/>
        <source>Till {terminal}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="269"/>
        <source>Printed {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="302"/>
        <source>Sent to the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="317"/>
        <source>Save the summary as PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="333"/>
        <source>Export the summary as CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/end_of_day.py" line="340"/>
        <source>Saved to {path}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportHistoryDialog</name>
    <message>
        <location filename="../../pos_app/ui/manager/export_dialog.py" line="39"/>
        <location filename="../../pos_app/ui/manager/export_dialog.py" line="82"/>
        <source>Export order history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/export_dialog.py" line="49"/>
        <source>One row per order, then one per Gameball transaction and per refund of it. No phone numbers or emails are written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/export_dialog.py" line="53"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/export_dialog.py" line="54"/>
        <source>To (included)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/export_dialog.py" line="59"/>
        <source>&amp;Export CSV...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/export_dialog.py" line="77"/>
        <source>The last day is before the first day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/export_dialog.py" line="88"/>
        <source>Exporting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pos_app/ui/manager/export_dialog.py" line="95"/>
        <source>%n order(s) written to {path}</source>
        <translation>
            <numerusform>%n order written to {path}</numerusform>
            <numerusform>%n orders written to {path}</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/export_dialog.py" line="98"/>
        <source>Orders of these days archived to {files} are not in the file.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FailedModel</name>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="30"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="30"/>
        <source>Order / refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="31"/>
        <source>Gameball code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="32"/>
        <source>requestId</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="31"/>
        <source>Failed at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="30"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="30"/>
        <source>Amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="31"/>
        <source>Sold at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="31"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FailedOrdersDialog</name>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="74"/>
        <source>Failed orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="75"/>
        <source>Gameball refused these for good. Fix the cause (the order data or the keys), then Retry: it goes back into the queue. Discard drops it for ever.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="77"/>
        <source>No failed orders: everything was delivered or is still queued.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="69"/>
        <source>&amp;Retry...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="95"/>
        <source>{what} is queued again and is sent on the next pass.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="71"/>
        <source>&amp;Discard...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="88"/>
        <source>{what} {ref}: Gameball code {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="91"/>
        <source>requestId {request}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="101"/>
        <source>{what} is discarded.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FreeLineDialog</name>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="33"/>
        <source>Free line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="43"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="44"/>
        <source>Unit price ({currency})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="45"/>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="69"/>
        <source>Describe the item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="72"/>
        <source>Enter a price above 0 with at most {places} decimals, and a point for decimals (12.50).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="77"/>
        <source>A price over {limit} is not accepted; check the price.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="82"/>
        <source>Enter a quantity above 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="90"/>
        <source>This line comes to {total} ({quantity} x {price}). Check it, then press OK again to add it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../pos_app/ui/history.py" line="107"/>
        <source>Order history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="112"/>
        <source>Order ID, phone or customer ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="116"/>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="139"/>
        <source>Show {count} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="145"/>
        <source>Return... ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="151"/>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="156"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="158"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="230"/>
        <source>{shown} of {total} orders shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pos_app/ui/history.py" line="233"/>
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n order</numerusform>
            <numerusform>%n orders</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="276"/>
        <source>{name} ({customer})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="277"/>
        <source>Order {order} for {customer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="279"/>
        <source>Points earned: {points}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="281"/>
        <source>Points: pending sync (expected {points})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="284"/>
        <source>Points redeemed: {points}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="286"/>
        <source>Returns:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="289"/>
        <source>Gameball transactions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="291"/>
        <source>{date}  {type}  {points} points  (#{id})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="296"/>
        <source>No Gameball transactions yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="302"/>
        <source>the whole order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="305"/>
        <source>{id}  {amount}  {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="310"/>
        <source>({points} points taken back)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../pos_app/ui/history.py" line="61"/>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="61"/>
        <source>sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="62"/>
        <source>delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="62"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="63"/>
        <source>discarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="63"/>
        <source>needs review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="67"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="67"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="67"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="67"/>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="67"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="68"/>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="68"/>
        <source>Redeemed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="68"/>
        <source>Transactions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="94"/>
        <source>≈{points} pending</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IntroPage</name>
    <message>
        <location filename="../../pos_app/ui/manager/setup_wizard.py" line="92"/>
        <source>Set up pos-app on this till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/setup_wizard.py" line="94"/>
        <source>You need the API key and the secret key from your Gameball dashboard, the store&apos;s IDs, and a manager PIN to choose. It takes a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeysPage</name>
    <message>
        <location filename="../../pos_app/ui/manager/setup_wizard.py" line="111"/>
        <source>Gameball keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/setup_wizard.py" line="113"/>
        <source>Paste both keys. They go to the credential store and are never shown again; a manager can replace them later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/setup_wizard.py" line="119"/>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/setup_wizard.py" line="120"/>
        <source>Secret key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/setup_wizard.py" line="121"/>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/setup_wizard.py" line="158"/>
        <source>These keys have not been tested with Gameball. Press Test connection, or Next again to go on without testing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/setup_wizard.py" line="170"/>
        <source>Testing the connection to Gameball...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="119"/>
        <source>Something went wrong; the details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="242"/>
        <source>Gameball loyalty - till {terminal}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="243"/>
        <source>{title} (demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="251"/>
        <source>Demo mode on the built-in Gameball sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="252"/>
        <source>Try phone {amira} (Amira, Gold) or {omar} (Omar), and items {item} or {product}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="255"/>
        <source>&amp;Item (F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="256"/>
        <source>Scan or type a barcode or product ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="257"/>
        <source>Free line (F7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="258"/>
        <source>Redeem (F4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="259"/>
        <source>Cancel sale (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="260"/>
        <source>Pay (F12)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="262"/>
        <location filename="../../pos_app/ui/main_window.py" line="397"/>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="262"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="263"/>
        <source>Item entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="263"/>
        <source>Gameball coupon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="264"/>
        <source>Redeem points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="264"/>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="264"/>
        <source>Order history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="265"/>
        <source>Free line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="265"/>
        <source>Add the customer to Gameball</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="266"/>
        <source>Basket (Del removes, + and - change the quantity)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="266"/>
        <source>Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="267"/>
        <source>Return an order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="268"/>
        <source>Manager mode (PIN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="269"/>
        <source>Cancel sale (press twice)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="393"/>
        <source>Press Esc again to cancel this sale.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerMode</name>
    <message>
        <location filename="../../pos_app/ui/manager/__init__.py" line="33"/>
        <location filename="../../pos_app/ui/manager/__init__.py" line="74"/>
        <source>Manager (F10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/__init__.py" line="70"/>
        <source>Manager (F10): points not taken ({count} new)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/__init__.py" line="72"/>
        <source>Manager (F10): {count} notices</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerPanel</name>
    <message>
        <location filename="../../pos_app/ui/manager/panel.py" line="55"/>
        <source>Manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/panel.py" line="56"/>
        <source>Till {terminal}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/panel.py" line="68"/>
        <source>&amp;Settings and keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/panel.py" line="69"/>
        <source>&amp;Failed orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/panel.py" line="70"/>
        <source>Needs &amp;review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/panel.py" line="71"/>
        <source>&amp;End of day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/panel.py" line="72"/>
        <source>E&amp;xport history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/panel.py" line="73"/>
        <source>&amp;Bridge token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/panel.py" line="74"/>
        <source>&amp;Audit log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/panel.py" line="75"/>
        <source>&amp;Points not taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/panel.py" line="87"/>
        <source>The demo&apos;s settings and keys are fixed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/panel.py" line="89"/>
        <source>&amp;Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pos_app/ui/manager/panel.py" line="115"/>
        <source>Orders from a previous user&apos;s queue: %n waiting</source>
        <translation>
            <numerusform>Orders from a previous user&apos;s queue: %n waiting</numerusform>
            <numerusform>Orders from a previous user&apos;s queue: %n waiting</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/panel.py" line="121"/>
        <source>&amp;End of day ({count} notices)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/panel.py" line="125"/>
        <source>&amp;Failed orders ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/panel.py" line="128"/>
        <source>Needs &amp;review ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/panel.py" line="133"/>
        <source>&amp;Points not taken ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/panel.py" line="161"/>
        <source>Settings saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/panel.py" line="162"/>
        <source>pos-app must start again to use the new settings. Queued orders are kept. Restart now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/panel.py" line="164"/>
        <source>Restart now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/panel.py" line="165"/>
        <source>Later</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManagerText</name>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="32"/>
        <source>use 1-64 letters, digits, dot, dash, colon or underscore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="33"/>
        <source>required: a name for this till, different from every other till of the Gameball account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="35"/>
        <source>an ISO 4217 code such as USD, EGP or SAR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="36"/>
        <source>a two-letter region such as EG, SA or US</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="37"/>
        <source>en or ar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="38"/>
        <source>a TCP port from 1 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="39"/>
        <source>a whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="40"/>
        <source>plain http is allowed only for loopback (the sandbox); use https</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="41"/>
        <source>give scheme, host and port only; the client adds /api/v4.0/integrations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="42"/>
        <source>4 to 8 digits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="43"/>
        <source>type why (it goes into the audit log with the terminal and the time)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="44"/>
        <source>a PIN is already set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="45"/>
        <source>always, above or never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="46"/>
        <source>from 0 to 100000000 points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="47"/>
        <source>from 0 (off) to 1000 sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="48"/>
        <source>0 (off) or a screen number from 1 to 16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="49"/>
        <source>at most 200 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="52"/>
        <source>Merchant ID (uniqueId)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="53"/>
        <source>Merchant name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="54"/>
        <source>Branch ID (uniqueId)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="55"/>
        <source>Branch name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="56"/>
        <source>Terminal ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="57"/>
        <source>Phone region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="58"/>
        <source>Currency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="59"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="60"/>
        <source>Gameball address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="61"/>
        <source>Bridge port (host POS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="62"/>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="63"/>
        <source>Secret key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="64"/>
        <source>Manager PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="65"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="66"/>
        <source>Code (OTP) for redeeming by phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="67"/>
        <source>OTP and notice above (points)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="68"/>
        <source>Notice: one customer on more sales a day than</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="69"/>
        <source>Customer display</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="70"/>
        <source>Customer display message between sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="73"/>
        <source>Always</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="74"/>
        <source>Above the threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="75"/>
        <source>Never (no SMS/OTP on the account)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="100"/>
        <source>This terminal&apos;s keys and manager PIN are kept for every Windows user of the terminal, and only an administrator can change them: start pos-app as administrator, or ask IT to run pos-app.exe config set-keys from an elevated prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="108"/>
        <source>{field}: empty or contains spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="110"/>
        <source>Not in the demo: it runs on the built-in sandbox with fixed keys and PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="113"/>
        <source>This item is no longer in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="116"/>
        <source>Not possible now: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="117"/>
        <source>Not possible now: the item is {state}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="120"/>
        <source>The file could not be written: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="123"/>
        <source>Something went wrong; the details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="127"/>
        <source>This computer has no secure credential store ({backend}), so pos-app does not store Gameball keys or the manager PIN here: they would be readable by anyone. Use Windows Credential Manager (or a Secret Service keyring on Linux), or run pos-app --headless with GAMEBALL_API_KEY and GAMEBALL_SECRET_KEY set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="137"/>
        <source>Keys are kept in the credential store: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="139"/>
        <source>Not a secure credential store: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="196"/>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="198"/>
        <source>Screen {number}: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="255"/>
        <source>Connected: Gameball accepted the API key and the secret key.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="257"/>
        <source>Enter the API key and the secret key first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="259"/>
        <source>Gameball refused the API key. Copy it again from your Gameball dashboard; the secret key was not checked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="263"/>
        <source>The API key is right, but Gameball refused the secret key. Copy the secret key again from your Gameball dashboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="267"/>
        <source>Gameball cannot be reached at {address}. Check the network connection and the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="271"/>
        <source>The Gameball address is not right: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/common.py" line="274"/>
        <source>Gameball answered with an error ({answer}: {message}). Try again in a few minutes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <location filename="../../pos_app/ui/manager/pin_dialog.py" line="30"/>
        <source>Manager mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/pin_dialog.py" line="34"/>
        <source>Enter the manager PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/pin_dialog.py" line="40"/>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/pin_dialog.py" line="41"/>
        <source>PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/pin_dialog.py" line="54"/>
        <source>Demo: the manager PIN is {pin}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/pin_dialog.py" line="72"/>
        <source>Set the manager PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/pin_dialog.py" line="74"/>
        <source>No manager PIN is set on this till yet. Choose one of 4 to 8 digits and keep it private: it guards the settings, the keys, the failed orders, the reports and the bridge token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/pin_dialog.py" line="97"/>
        <source>You can try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/pin_dialog.py" line="101"/>
        <source>Too many wrong PINs. Try again in {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/pin_dialog.py" line="112"/>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/pin_dialog.py" line="118"/>
        <source>Enter the PIN.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pos_app/ui/manager/pin_dialog.py" line="133"/>
        <source>Wrong PIN. %n tries left.</source>
        <translation>
            <numerusform>Wrong PIN. %n try left.</numerusform>
            <numerusform>Wrong PIN. %n tries left.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PinPage</name>
    <message>
        <location filename="../../pos_app/ui/manager/setup_wizard.py" line="219"/>
        <source>Manager PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/setup_wizard.py" line="221"/>
        <source>4 to 8 digits. It guards the settings, the keys, the failed orders, the reports and the bridge token. Five wrong tries lock it for a while.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/setup_wizard.py" line="225"/>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/setup_wizard.py" line="226"/>
        <source>PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/setup_wizard.py" line="241"/>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewWidget</name>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="78"/>
        <source>Subtotal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="79"/>
        <source>Points redeemed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="80"/>
        <source>To pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="81"/>
        <source>Points this sale earns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="84"/>
        <source>none (F4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="87"/>
        <source>{points} pts = {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="95"/>
        <source>Discounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="97"/>
        <source>Coupon {code}: {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="99"/>
        <source>Points: {redeemed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="102"/>
        <source>+{points} from {campaign}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="103"/>
        <source>Counts towards {campaign}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="109"/>
        <source>Add items to see the points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="115"/>
        <source>Live from Gameball</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="123"/>
        <source>Estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="124"/>
        <source>Estimate (base rate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="126"/>
        <source>The points are confirmed when the sale syncs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="128"/>
        <source>{estimate}; asking Gameball...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="132"/>
        <source>{estimate}: no answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="135"/>
        <source>{estimate}, offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="138"/>
        <source>{estimate}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueItemsModel</name>
    <message>
        <location filename="../../pos_app/ui/manager/queue_items.py" line="44"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/queue_items.py" line="44"/>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/queue_items.py" line="49"/>
        <source>{refund} (order {order})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/queue_items.py" line="53"/>
        <source>the whole rest</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RedeemDialog</name>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="47"/>
        <source>Redeem points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="66"/>
        <source>Available: {points} points ({value})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="68"/>
        <source>1 point = {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="71"/>
        <source>This sale is too small to redeem: the least is {least} points ({value}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="74"/>
        <source>This sale: exactly {points} points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="76"/>
        <source>This sale: {least} to {most} points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="80"/>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="80"/>
        <source>Amount ({currency})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="84"/>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="200"/>
        <source>points to redeem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="92"/>
        <source>Points or an amount</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="98"/>
        <source>{name}: {points} points, {value} off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="101"/>
        <source>{name}: {points} points ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="108"/>
        <source>Reward</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="111"/>
        <source>Redeem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="112"/>
        <source>How much</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="114"/>
        <source>Least: {points}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="115"/>
        <source>Most: {points}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="126"/>
        <source>Code from the customer&apos;s phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="129"/>
        <source>the code Gameball texted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="139"/>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="255"/>
        <source>Hold points (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="143"/>
        <source>Remove redemption (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="174"/>
        <source>not enough points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="176"/>
        <source>sale below its minimum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="178"/>
        <source>nothing off this sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="179"/>
        <source>not at the till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="199"/>
        <source>amount to take off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="207"/>
        <source>This sale is too small to redeem.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="211"/>
        <source>Enter a number, with a point for decimals (12.50).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="213"/>
        <source>Enter a number above 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="216"/>
        <source>Points are whole numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="222"/>
        <source>Choose from {least} to {most} points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="233"/>
        <source>= {value} off for {points} points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="242"/>
        <source>= {value} off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="245"/>
        <source>= {points} points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="278"/>
        <source>Sending a code to the customer&apos;s phone...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="283"/>
        <source>Enter the code the customer received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="299"/>
        <source>Ask the customer for the code Gameball texted them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="300"/>
        <source>Hold with the code (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RegionPage</name>
    <message>
        <location filename="../../pos_app/ui/manager/setup_wizard.py" line="206"/>
        <source>Region and language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/setup_wizard.py" line="208"/>
        <source>Phone numbers typed without a country code are read in the phone region (two letters, such as EG). Prices are in the currency (three letters, such as EGP).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RetryDialog</name>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="60"/>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="62"/>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="61"/>
        <source>Send {what} to Gameball again, with the same data? Give the reason for the audit log (what was fixed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/failed_orders.py" line="62"/>
        <source>for example: customer ID corrected in the POS</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="69"/>
        <location filename="../../pos_app/ui/return_dialog.py" line="109"/>
        <source>Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="73"/>
        <source>Scan or type the order ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="75"/>
        <source>&amp;Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="77"/>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="88"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="88"/>
        <source>Sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="88"/>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="89"/>
        <source>Points earned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="89"/>
        <source>Left to refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="90"/>
        <source>Points redeemed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="108"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="108"/>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="108"/>
        <source>Bought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="109"/>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="116"/>
        <source>Everything left ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="126"/>
        <source>Points given back (estimate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="130"/>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="131"/>
        <source>Points taken back (estimate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="138"/>
        <source>Confirm return ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="198"/>
        <source>No order {order} on this till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="222"/>
        <source>≈{points} (pending sync)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="270"/>
        <source>Everything on this order has been returned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="272"/>
        <source>Gameball never accepted this order (it is in the failed list). A return is saved but not sent until a manager retries the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="275"/>
        <source>Gameball already has an order with this id; a manager checks whether it is this sale. A return is saved and waits for that decision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="278"/>
        <source>This order was saved without its items, so it can only be returned whole.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="280"/>
        <source>This order is still waiting to be sent; the return follows it to Gameball.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="310"/>
        <source>Nothing was paid in money for these items: return everything left instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="324"/>
        <source>Saving the return...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="334"/>
        <source>Return {refund} saved, but it cannot be sent: order {order} is in the failed list. It follows the order when a manager retries it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="338"/>
        <source>Return {refund} saved: {amount}. It waits for a manager&apos;s check of order {order}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="342"/>
        <source>Return {refund} saved: {amount}. It is sent to Gameball after order {order}, which is still waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="347"/>
        <source>Return {refund} saved: {amount}. It is sent to Gameball now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="357"/>
        <source>Not saved: more than the {left} left to refund on order {order}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="361"/>
        <source>Not saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="367"/>
        <source>Something went wrong; the details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewModel</name>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="30"/>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="30"/>
        <source>Order / refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="30"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="30"/>
        <source>This sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="31"/>
        <source>Sold at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="31"/>
        <source>Gameball holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="36"/>
        <source>no transaction under this id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="37"/>
        <source>{type}: {amount} paid, {points} points, {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="40"/>
        <source>no time recorded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewOrdersDialog</name>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="58"/>
        <source>Orders needing review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="59"/>
        <source>Gameball already has an order under each of these ids, and its records cannot show whether it is this sale. They are not delivered and are not sent again. Compare the figures, check in Gameball, then decide.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="62"/>
        <source>No order needs review.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="51"/>
        <source>It is &amp;this sale...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="53"/>
        <source>Mark it delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="54"/>
        <source>It is &amp;another sale...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="56"/>
        <source>Mark it failed: order id already used by another sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="70"/>
        <source>This sale: {amount}, customer {customer}, sold {sold}, first sent {sent}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="74"/>
        <source>Put aside for review {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="75"/>
        <source>Gameball: {transaction}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="85"/>
        <source>It is this sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="86"/>
        <source>Mark {what} delivered? Do this only if Gameball&apos;s order is this sale: its points then count as given. Say what you checked, for the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="88"/>
        <source>Mark delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="88"/>
        <source>for example: same receipt and customer in Gameball</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="89"/>
        <source>{what} is marked delivered.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="92"/>
        <source>It is another sale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="93"/>
        <source>Mark {what} failed? Gameball&apos;s order under this id is another sale, so this sale got no points there. Say what you checked, for the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="95"/>
        <source>Mark failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="95"/>
        <source>for example: another customer in Gameball</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/review_orders.py" line="96"/>
        <source>{what} is marked failed: order id already used by another sale.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaleController</name>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="206"/>
        <source>The host POS completed order {order}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="272"/>
        <source>Enter the customer&apos;s phone number first (F2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="275"/>
        <source>Creating a customer needs Gameball, and the till is offline. The sale can go on: Gameball adds the customer with the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="296"/>
        <source>New customer: press F8 to add them to Gameball, or go on with the sale (the order adds them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="324"/>
        <source>No product with code {code}. Press F7 for a free line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="341"/>
        <source>Not added: the sale would come to {total}, over {limit}, the most this till takes. Check the price and the quantity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="443"/>
        <source>Identify the customer first (F2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="446"/>
        <source>Redeeming needs Gameball, and the till is offline. Go on without redeeming, or wait until it is back online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="449"/>
        <source>Redeeming needs Gameball ({reason}). Go on without redeeming, or wait until it answers again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="452"/>
        <source>Add items before redeeming.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="475"/>
        <source>Code sent to the customer&apos;s phone. Ask them for it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="483"/>
        <source>Gameball could not send the code: {message}. Scan the customer&apos;s Gameball QR code instead, or ask a manager about the OTP setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="498"/>
        <source>Holding points at Gameball...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="518"/>
        <source>{points} points held: {value} off this sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="531"/>
        <source>The points could not be held, so the sale was not paid: {reason} Press F12 to pay without redeeming, or F4 to try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="536"/>
        <source>This Gameball account requires a code for redeeming. Press F4 again: the till texts the customer a code, or scan their Gameball QR code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="551"/>
        <source>The held points go back when Gameball is reachable again (or when the hold expires).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="563"/>
        <source>Identify the customer first (F2): a coupon is checked for them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="565"/>
        <location filename="../../pos_app/ui/sale.py" line="606"/>
        <source>Coupons need Gameball, and the till is offline. Go on without the coupon, or wait until it is back online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="568"/>
        <source>Add items before the coupon: it is checked against the basket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="595"/>
        <source>Coupon {code}: {value} off this sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="610"/>
        <source>Gameball does not know this coupon code. Check it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="611"/>
        <source>This coupon cannot be used now: expired, used up, another customer&apos;s, held by another sale or below its minimum order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="613"/>
        <source>This coupon is not a discount the till can take off (for example free shipping or a free product).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="615"/>
        <source>The basket is below this coupon&apos;s minimum order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="616"/>
        <source>This coupon takes nothing off this basket.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="620"/>
        <source>Gameball says: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="631"/>
        <source>The coupon is freed when Gameball is reachable again (or when its lock expires).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="649"/>
        <source>Paying...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="651"/>
        <source>The basket is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="655"/>
        <source>Identify the customer first (F2): there is nothing to send to Gameball without one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="657"/>
        <source>The points redeemed are worth more than the basket. Change the redemption (F4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="659"/>
        <source>The till went offline, so the redemption cannot be completed. Remove it (F4) to pay without redeeming.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="662"/>
        <source>Waiting for Gameball to check the coupon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="670"/>
        <source>Waiting for Gameball to hold the points; the sale is paid as soon as it answers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="694"/>
        <source>Sale saved as order {order}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="700"/>
        <source>The sale was not saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="709"/>
        <source>Sale cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="729"/>
        <source>Syncing with Gameball...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="793"/>
        <source>Not a valid phone number for this store ({region}), QR code or customer ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="795"/>
        <source>{field}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="799"/>
        <source>The till&apos;s disk is full, so this sale cannot be saved. The basket is kept: call a manager to free space, then press Pay again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="801"/>
        <source>The till&apos;s database is damaged, so no sale can be saved. The basket is kept: call a manager.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="810"/>
        <source>Gameball is not reachable. Sales go on and are sent later; redeeming and new customers wait until it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="813"/>
        <source>Gameball is reachable, but this till&apos;s share of its rate limits is in use. Try again in {seconds} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="817"/>
        <source>Not enough points: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="819"/>
        <source>Outside the redemption limits: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="820"/>
        <source>Gameball refused: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="824"/>
        <source>Something went wrong; the details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../pos_app/ui/manager/settings_dialog.py" line="64"/>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/settings_dialog.py" line="67"/>
        <source>Store and till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/settings_dialog.py" line="71"/>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/settings_dialog.py" line="74"/>
        <source>Customers at the till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/settings_dialog.py" line="79"/>
        <source>Gameball refused a redemption without a code since the till started: this account requires OTP. The till asks for a code for every customer identified by phone, whatever the setting above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/settings_dialog.py" line="86"/>
        <source>Gameball keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/settings_dialog.py" line="95"/>
        <source>stored; type both keys to replace them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/settings_dialog.py" line="97"/>
        <source>API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/settings_dialog.py" line="98"/>
        <source>Secret key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/settings_dialog.py" line="104"/>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/settings_dialog.py" line="116"/>
        <source>Manager PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/settings_dialog.py" line="120"/>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/settings_dialog.py" line="123"/>
        <source>New PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/settings_dialog.py" line="124"/>
        <source>New PIN again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/settings_dialog.py" line="126"/>
        <source>Changed settings take effect when pos-app starts again; queued orders are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/settings_dialog.py" line="129"/>
        <source>why the change: it goes into the audit log and the end-of-day notices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/settings_dialog.py" line="167"/>
        <source>Testing the connection to Gameball...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/settings_dialog.py" line="195"/>
        <source>The two PINs differ. Type the same PIN twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/settings_dialog.py" line="198"/>
        <source>Type both keys to replace them, or neither to keep the stored ones.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/settings_dialog.py" line="211"/>
        <source>Saving...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../pos_app/ui/manager/setup_wizard.py" line="254"/>
        <source>pos-app setup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/setup_wizard.py" line="277"/>
        <source>Saving...</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortfallModel</name>
    <message>
        <location filename="../../pos_app/ui/manager/shortfalls.py" line="33"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/shortfalls.py" line="33"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/shortfalls.py" line="33"/>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/shortfalls.py" line="33"/>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/shortfalls.py" line="33"/>
        <source>Not taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/shortfalls.py" line="34"/>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/shortfalls.py" line="34"/>
        <source>Gameball&apos;s reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/shortfalls.py" line="50"/>
        <source>points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/shortfalls.py" line="50"/>
        <source>coupon</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShortfallsDialog</name>
    <message>
        <location filename="../../pos_app/ui/manager/shortfalls.py" line="66"/>
        <source>Discount given, points could not be taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/shortfalls.py" line="68"/>
        <source>The points hold or coupon lock of these sales expired before the order reached Gameball, and Gameball then refused to take the points (the customer no longer had them) or to redeem the coupon (used up). The customer kept the discount; the orders were delivered for the points they earn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/shortfalls.py" line="103"/>
        <source>None: every discount&apos;s points were taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../pos_app/ui/manager/shortfalls.py" line="105"/>
        <source>%n sale(s), {points} points not taken</source>
        <translation>
            <numerusform>%n sale, {points} points not taken</numerusform>
            <numerusform>%n sales, {points} points not taken</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SlipDialog</name>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="32"/>
        <location filename="../../pos_app/ui/slip_dialog.py" line="33"/>
        <source>Loyalty slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="52"/>
        <source>Order {order}: saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="60"/>
        <source>Sent to Gameball.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="63"/>
        <source>Gameball refused this order; a manager will see it in the failed list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="66"/>
        <source>Gameball already has an order with this id; a manager checks whether it is this sale. Points are not confirmed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="70"/>
        <source>Saved on this till; it is sent to Gameball as soon as it can be.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="80"/>
        <source>{tier} tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="83"/>
        <source>Order {order}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="84"/>
        <source>Paid {amount} {currency}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="88"/>
        <source>Points earned: {points}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="90"/>
        <source>Points: pending sync (expected {points})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="93"/>
        <source>Points redeemed: {points}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="95"/>
        <source>New balance: {points} points</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartError</name>
    <message>
        <location filename="../../pos_app/ui/start_error.py" line="22"/>
        <source>pos_app cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/start_error.py" line="23"/>
        <source>This terminal&apos;s database was written by a newer version of pos_app (schema {found}; this version reads up to {supported}).

Install that version, or a newer one, again. Nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartUp</name>
    <message>
        <location filename="../../pos_app/ui/main.py" line="61"/>
        <source>pos-app did not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main.py" line="62"/>
        <source>The till could not start:

{reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="77"/>
        <location filename="../../pos_app/ui/status_bar.py" line="82"/>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="78"/>
        <source>Gameball asked to wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="79"/>
        <source>Gameball refused the API keys; call a manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="80"/>
        <source>the Gameball account refuses orders; call a manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="81"/>
        <source>Not set up; call a manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="85"/>
        <source>Gameball did not answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="183"/>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="184"/>
        <source>Online, sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="185"/>
        <source>Connection not confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="186"/>
        <source>Offline: sales are kept and sent later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="187"/>
        <source>Paused: Gameball asked to wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="188"/>
        <source>Stopped: Gameball refused the API keys; call a manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="189"/>
        <source>Stopped: the Gameball account refuses orders; call a manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="190"/>
        <source>Not set up: no Gameball API key; call a manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="191"/>
        <source>Not sending: another pos-app sends for this till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="192"/>
        <source>Database damaged: sales cannot be saved; call a manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="193"/>
        <source>Disk full: sales cannot be saved; call a manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="203"/>
        <source>Waiting: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="205"/>
        <source>Failed: {count}, call a manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="208"/>
        <source>Failed: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="210"/>
        <source>To review: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="212"/>
        <source>Gameball already has orders under these ids; call a manager to check them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="215"/>
        <source>Last sync: never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="218"/>
        <source>Last sync: {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="219"/>
        <source>Sync now (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="220"/>
        <source>History (F6)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StorePage</name>
    <message>
        <location filename="../../pos_app/ui/manager/setup_wizard.py" line="193"/>
        <source>Store and till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/manager/setup_wizard.py" line="195"/>
        <source>The merchant and branch uniqueIds as Gameball knows them; every order carries them. The terminal ID names this till in reports and the audit log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
