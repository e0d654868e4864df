<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
    <name>CrashDialog</name>
    <message>
        <location filename="../../pos_app/ui/crash_dialog.py" line="27"/>
        <source>Something went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/crash_dialog.py" line="30"/>
        <source>pos-app hit an unexpected error and carried on. Sales already paid are safe, and waiting orders are still sent. Tell a manager if this happens again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/crash_dialog.py" line="50"/>
        <source>Error: {error}
Report: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/crash_dialog.py" line="55"/>
        <source>{count} errors since this window opened.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="53"/>
        <source>&amp;Customer (F2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="54"/>
        <source>Phone number, QR code or customer ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="61"/>
        <source>No customer yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="62"/>
        <source>Ask for the phone number, or scan the customer&apos;s QR code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="64"/>
        <source>phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="64"/>
        <source>QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="64"/>
        <source>customer ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="66"/>
        <source>&lt;b&gt;{customer}&lt;/b&gt; (by {how})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="69"/>
        <source>Looking up the balance...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="75"/>
        <source>Not in Gameball yet. Press F8 to add this customer, or go on: the order adds them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="79"/>
        <source>Balance unknown: Gameball is not reachable and this till has not seen the customer before. The sale can go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="81"/>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="84"/>
        <source>Available: &lt;b&gt;{points}&lt;/b&gt; points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="87"/>
        <source>Pending: {points}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="89"/>
        <source>Expiring: {points} on {date}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="93"/>
        <source>Offline: last known figures, {age} old</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="103"/>
        <source>under a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="105"/>
        <source>{n} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="108"/>
        <source>{n} h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="109"/>
        <source>{n} days</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FreeLineDialog</name>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="22"/>
        <source>Free line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="32"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="33"/>
        <source>Unit price ({currency})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="34"/>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="58"/>
        <source>Describe the item.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="61"/>
        <source>Enter a price above 0 with at most {places} decimals.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="65"/>
        <source>Enter a quantity above 0.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../pos_app/ui/history.py" line="123"/>
        <source>Order history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="128"/>
        <source>Order ID, phone or customer ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="132"/>
        <source>All states</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="155"/>
        <source>Return... ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="161"/>
        <source>&amp;Search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="166"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="168"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="221"/>
        <source>{count} order(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="256"/>
        <source>Order {order} for {customer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="259"/>
        <source>Points earned: {points}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="261"/>
        <source>Points: pending sync (expected {points})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="264"/>
        <source>Points redeemed: {points}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="266"/>
        <source>Returns:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="269"/>
        <source>Gameball transactions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="271"/>
        <source>{date}  {type}  {points} points  (#{id})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="276"/>
        <source>No Gameball transactions yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="282"/>
        <source>the whole order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="285"/>
        <source>{id}  {amount}  {state}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="290"/>
        <source>({points} points taken back)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../pos_app/ui/history.py" line="74"/>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="74"/>
        <source>sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="75"/>
        <source>delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="75"/>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="76"/>
        <source>discarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="83"/>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="83"/>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="83"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="83"/>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="83"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="84"/>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="84"/>
        <source>Redeemed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="84"/>
        <source>Transactions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="110"/>
        <source>≈{points} pending</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="102"/>
        <source>Something went wrong; the details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="220"/>
        <source>Gameball loyalty - till {terminal}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="221"/>
        <source>{title} (demo)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="224"/>
        <source>Demo mode on the built-in Gameball sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="225"/>
        <source>Try phone +971501234567 (Amira, Gold) or +966500001234 (Omar), and items 4006381333931 or P-1004.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="226"/>
        <source>&amp;Item (F3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="227"/>
        <source>Scan or type a barcode or product ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="228"/>
        <source>Free line (F7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="229"/>
        <source>Redeem (F4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="230"/>
        <source>Cancel sale (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="231"/>
        <source>Pay (F12)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="233"/>
        <location filename="../../pos_app/ui/main_window.py" line="352"/>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="233"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="233"/>
        <source>Item entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="234"/>
        <source>Redeem points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="234"/>
        <source>Sync now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="234"/>
        <source>Order history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="235"/>
        <source>Free line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="235"/>
        <source>Add the customer to Gameball</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="236"/>
        <source>Basket (Del removes, + and - change the quantity)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="236"/>
        <source>Pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="237"/>
        <source>Return an order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="238"/>
        <source>Manager mode (PIN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="239"/>
        <source>Cancel sale (press twice)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="348"/>
        <source>Press Esc again to cancel this sale.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreviewWidget</name>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="55"/>
        <source>Subtotal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="56"/>
        <source>Points redeemed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="57"/>
        <source>To pay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="58"/>
        <source>Points this sale earns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="61"/>
        <source>none (F4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="63"/>
        <source>{points} pts = -{value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="69"/>
        <source>Add items to see the points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="74"/>
        <source>Live from Gameball</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="80"/>
        <source>Estimate; asking Gameball...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="83"/>
        <source>Estimate: Gameball did not answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="86"/>
        <source>Estimate (offline): the points are confirmed when the sale syncs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RedeemDialog</name>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="36"/>
        <source>Redeem points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="55"/>
        <source>Available: {points} points ({value})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="57"/>
        <source>1 point = {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="58"/>
        <source>This sale: {least} to {most} points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="62"/>
        <source>Points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="62"/>
        <source>Amount ({currency})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="71"/>
        <source>Redeem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="72"/>
        <source>How much</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="76"/>
        <source>Hold points (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="80"/>
        <source>Remove redemption (Del)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="118"/>
        <source>Enter a number.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="120"/>
        <source>Enter a number above 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="123"/>
        <source>Points are whole numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="129"/>
        <source>Choose from {least} to {most} points.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="139"/>
        <source>= {value} off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="142"/>
        <source>= {points} points</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="78"/>
        <location filename="../../pos_app/ui/return_dialog.py" line="113"/>
        <source>Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="82"/>
        <source>Scan or type the order ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="84"/>
        <source>&amp;Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="86"/>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="93"/>
        <source>Customer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="93"/>
        <source>Sold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="93"/>
        <source>Paid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="94"/>
        <source>Points earned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="94"/>
        <source>Left to refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="95"/>
        <source>Points redeemed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="112"/>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="112"/>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="112"/>
        <source>Bought</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="113"/>
        <source>Returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="120"/>
        <source>Everything left ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="130"/>
        <source>Points given back (estimate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="132"/>
        <source>Refund</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="133"/>
        <source>Points taken back (estimate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="140"/>
        <source>Confirm return ({key})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="200"/>
        <source>No order {order} on this till.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="224"/>
        <source>≈{points} (pending sync)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="272"/>
        <source>Everything on this order has been returned.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="274"/>
        <source>Gameball never accepted this order (it is in the failed list). A return is saved but not sent until a manager retries the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="277"/>
        <source>This order was saved without its items, so it can only be returned whole.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="279"/>
        <source>This order is still waiting to be sent; the return follows it to Gameball.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="309"/>
        <source>Nothing was paid in money for these items: return everything left instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="340"/>
        <source>Saving the return...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="350"/>
        <source>Return {refund} saved, but it cannot be sent: order {order} is in the failed list. It follows the order when a manager retries it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="354"/>
        <source>Return {refund} saved: {amount}. It is sent to Gameball after order {order}, which is still waiting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="359"/>
        <source>Return {refund} saved: {amount}. It is sent to Gameball now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="369"/>
        <source>Not saved: more than the {left} left to refund on order {order}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="373"/>
        <source>Not saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="379"/>
        <source>Something went wrong; the details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SaleController</name>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="195"/>
        <source>The host POS completed order {order}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="223"/>
        <source>Enter the customer&apos;s phone number first (F2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="226"/>
        <source>Creating a customer needs Gameball, and the till is offline. The sale can go on: Gameball adds the customer with the order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="239"/>
        <source>New customer: press F8 to add them to Gameball, or go on with the sale (the order adds them).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="256"/>
        <source>No product with code {code}. Press F7 for a free line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="338"/>
        <source>Identify the customer first (F2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="340"/>
        <source>Redeeming needs Gameball, and the till is offline. Go on without redeeming, or wait until it is back online.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="343"/>
        <source>Add items before redeeming.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="355"/>
        <source>Holding points at Gameball...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="366"/>
        <source>{points} points held: {value} off this sale.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="382"/>
        <source>The held points go back when Gameball is reachable again (or when the hold expires).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="395"/>
        <source>Paying...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="397"/>
        <source>The basket is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="399"/>
        <source>Identify the customer first (F2): there is nothing to send to Gameball without one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="401"/>
        <source>The points redeemed are worth more than the basket. Change the redemption (F4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="403"/>
        <source>The till went offline, so the redemption cannot be completed. Remove it (F4) to pay without redeeming.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="432"/>
        <source>Sale saved as order {order}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="437"/>
        <source>The sale was not saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="445"/>
        <source>Sale cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="458"/>
        <source>Syncing with Gameball...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="519"/>
        <source>Not a valid phone number for this store ({region}), QR code or customer ID.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="521"/>
        <source>{field}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="527"/>
        <source>Gameball is not reachable. Sales go on and are sent later; redeeming and new customers wait until it is back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="531"/>
        <source>Not enough points: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="533"/>
        <source>Outside the redemption limits: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="534"/>
        <source>Gameball refused: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="538"/>
        <source>Something went wrong; the details are in the log.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SlipDialog</name>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="30"/>
        <location filename="../../pos_app/ui/slip_dialog.py" line="31"/>
        <source>Loyalty slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="50"/>
        <source>Order {order}: saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="58"/>
        <source>Sent to Gameball.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="61"/>
        <source>Gameball refused this order; a manager will see it in the failed list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="64"/>
        <source>Saved on this till; it is sent to Gameball as soon as it can be.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="71"/>
        <source>Order {order}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="72"/>
        <source>Paid {amount} {currency}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="76"/>
        <source>Points earned: {points}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="78"/>
        <source>Points: pending sync (expected {points})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="81"/>
        <source>Points redeemed: {points}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="83"/>
        <source>New balance: {points} points</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="109"/>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="110"/>
        <source>Online, sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="111"/>
        <source>Connection not confirmed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="112"/>
        <source>Offline: sales are kept and sent later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="113"/>
        <source>Paused: Gameball asked to wait</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="114"/>
        <source>Stopped: Gameball refused the API keys; call a manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="115"/>
        <source>Not set up: no Gameball API key; call a manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="116"/>
        <source>Not sending: another pos-app sends for this till</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="126"/>
        <source>Waiting: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="127"/>
        <source>Failed: {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="130"/>
        <source>Last sync: never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="133"/>
        <source>Last sync: {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="134"/>
        <source>Sync now (F5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="135"/>
        <source>History (F6)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
