<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name>BasketModel</name>
    <message>
        <location filename="../../pos_app/ui/basket_view.py" line="52"/>
        <source>Item</source>
        <translation>الصنف</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/basket_view.py" line="52"/>
        <source>Qty</source>
        <translation>الكمية</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/basket_view.py" line="52"/>
        <source>Price</source>
        <translation>السعر</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/basket_view.py" line="52"/>
        <source>Total</source>
        <translation>الإجمالي</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/basket_view.py" line="52"/>
        <source>Points</source>
        <translation>النقاط</translation>
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
        <translation>العميل (F2)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="54"/>
        <source>Phone number, QR code or customer ID</source>
        <translation>رقم الهاتف أو رمز QR أو معرّف العميل</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="61"/>
        <source>No customer yet</source>
        <translation>لا يوجد عميل بعد</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="62"/>
        <source>Ask for the phone number, or scan the customer&apos;s QR code.</source>
        <translation>اطلب رقم الهاتف، أو امسح رمز QR الخاص بالعميل.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="64"/>
        <source>phone</source>
        <translation>الهاتف</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="64"/>
        <source>QR code</source>
        <translation>رمز QR</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="64"/>
        <source>customer ID</source>
        <translation>معرّف العميل</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="66"/>
        <source>&lt;b&gt;{customer}&lt;/b&gt; (by {how})</source>
        <translation>&lt;b&gt;{customer}&lt;/b&gt; (عن طريق {how})</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="69"/>
        <source>Looking up the balance...</source>
        <translation>جارٍ البحث عن الرصيد...</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="75"/>
        <source>Not in Gameball yet. Press F8 to add this customer, or go on: the order adds them.</source>
        <translation>غير موجود في Gameball بعد. اضغط F8 لإضافة هذا العميل، أو تابع: يضيفه الطلب.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="79"/>
        <source>Balance unknown: Gameball is not reachable and this till has not seen the customer before. The sale can go on.</source>
        <translation>الرصيد غير معروف: لا يمكن الوصول إلى Gameball ولم يتعامل هذا الجهاز مع العميل من قبل. يمكن متابعة البيع.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="81"/>
        <source>Offline</source>
        <translation>غير متصل</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="84"/>
        <source>Available: &lt;b&gt;{points}&lt;/b&gt; points</source>
        <translation>المتاح: &lt;b&gt;{points}&lt;/b&gt; نقطة</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="87"/>
        <source>Pending: {points}</source>
        <translation>معلقة: {points}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="89"/>
        <source>Expiring: {points} on {date}</source>
        <translation>تنتهي صلاحيتها: {points} في {date}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="93"/>
        <source>Offline: last known figures, {age} old</source>
        <translation>غير متصل: آخر أرقام معروفة، منذ {age}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="103"/>
        <source>under a minute</source>
        <translation>أقل من دقيقة</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="105"/>
        <source>{n} min</source>
        <translation>{n} دقيقة</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="108"/>
        <source>{n} h</source>
        <translation>{n} ساعة</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/customer_panel.py" line="109"/>
        <source>{n} days</source>
        <translation>{n} يوم</translation>
    </message>
</context>
<context>
    <name>FreeLineDialog</name>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="22"/>
        <source>Free line</source>
        <translation>سطر حر</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="32"/>
        <source>Description</source>
        <translation>الوصف</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="33"/>
        <source>Unit price ({currency})</source>
        <translation>سعر الوحدة ({currency})</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="34"/>
        <source>Quantity</source>
        <translation>الكمية</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="58"/>
        <source>Describe the item.</source>
        <translation>اكتب وصف الصنف.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="61"/>
        <source>Enter a price above 0 with at most {places} decimals.</source>
        <translation>أدخل سعرًا أكبر من 0 بحد أقصى {places} منازل عشرية.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/line_dialog.py" line="65"/>
        <source>Enter a quantity above 0.</source>
        <translation>أدخل كمية أكبر من 0.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../pos_app/ui/history.py" line="123"/>
        <source>Order history</source>
        <translation>سجل الطلبات</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="128"/>
        <source>Order ID, phone or customer ID</source>
        <translation>رقم الطلب أو الهاتف أو معرّف العميل</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="132"/>
        <source>All states</source>
        <translation>كل الحالات</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="155"/>
        <source>Return... ({key})</source>
        <translation>إرجاع... ({key})</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="161"/>
        <source>&amp;Search</source>
        <translation>بحث</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="166"/>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="168"/>
        <source>to</source>
        <translation>إلى</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="221"/>
        <source>{count} order(s)</source>
        <translation>{count} طلب</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="256"/>
        <source>Order {order} for {customer}</source>
        <translation>الطلب {order} للعميل {customer}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="259"/>
        <source>Points earned: {points}</source>
        <translation>النقاط المكتسبة: {points}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="261"/>
        <source>Points: pending sync (expected {points})</source>
        <translation>النقاط: بانتظار المزامنة (المتوقع {points})</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="264"/>
        <source>Points redeemed: {points}</source>
        <translation>النقاط المستبدلة: {points}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="266"/>
        <source>Returns:</source>
        <translation>المرتجعات:</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="269"/>
        <source>Gameball transactions:</source>
        <translation>معاملات Gameball:</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="271"/>
        <source>{date}  {type}  {points} points  (#{id})</source>
        <translation>{date}  {type}  {points} نقطة  (#{id})</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="276"/>
        <source>No Gameball transactions yet.</source>
        <translation>لا توجد معاملات Gameball بعد.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="282"/>
        <source>the whole order</source>
        <translation>الطلب بالكامل</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="285"/>
        <source>{id}  {amount}  {state}</source>
        <translation>{id}  {amount}  {state}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="290"/>
        <source>({points} points taken back)</source>
        <translation>(سُحبت {points} نقطة)</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../pos_app/ui/history.py" line="74"/>
        <source>queued</source>
        <translation>في الطابور</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="74"/>
        <source>sending</source>
        <translation>جارٍ الإرسال</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="75"/>
        <source>delivered</source>
        <translation>تم التسليم</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="75"/>
        <source>failed</source>
        <translation>فشل</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="76"/>
        <source>discarded</source>
        <translation>مستبعد</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="83"/>
        <source>Date</source>
        <translation>التاريخ</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="83"/>
        <source>Order</source>
        <translation>الطلب</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="83"/>
        <source>Customer</source>
        <translation>العميل</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="83"/>
        <source>Paid</source>
        <translation>المدفوع</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="83"/>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="84"/>
        <source>Points</source>
        <translation>النقاط</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="84"/>
        <source>Redeemed</source>
        <translation>المستبدل</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="84"/>
        <source>Transactions</source>
        <translation>المعاملات</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/history.py" line="110"/>
        <source>≈{points} pending</source>
        <translation>≈{points} معلقة</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="102"/>
        <source>Something went wrong; the details are in the log.</source>
        <translation>حدث خطأ؛ التفاصيل في السجل.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="220"/>
        <source>Gameball loyalty - till {terminal}</source>
        <translation>ولاء Gameball - نقطة البيع {terminal}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="221"/>
        <source>{title} (demo)</source>
        <translation>{title} (عرض تجريبي)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="224"/>
        <source>Demo mode on the built-in Gameball sandbox.</source>
        <translation>وضع العرض على بيئة Gameball التجريبية المدمجة.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="225"/>
        <source>Try phone +971501234567 (Amira, Gold) or +966500001234 (Omar), and items 4006381333931 or P-1004.</source>
        <translation>جرّب الهاتف ⁦+971501234567⁩ (أميرة، ذهبي) أو ⁦+966500001234⁩ (عمر)، والأصناف ⁦4006381333931⁩ أو ⁦P-1004⁩.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="226"/>
        <source>&amp;Item (F3)</source>
        <translation>الصنف (F3)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="227"/>
        <source>Scan or type a barcode or product ID</source>
        <translation>امسح أو اكتب الباركود أو رمز المنتج</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="228"/>
        <source>Free line (F7)</source>
        <translation>سطر حر (F7)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="229"/>
        <source>Redeem (F4)</source>
        <translation>استبدال (F4)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="230"/>
        <source>Cancel sale (Esc)</source>
        <translation>إلغاء البيع (Esc)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="231"/>
        <source>Pay (F12)</source>
        <translation>ادفع (F12)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="233"/>
        <location filename="../../pos_app/ui/main_window.py" line="352"/>
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="233"/>
        <source>Customer</source>
        <translation>العميل</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="233"/>
        <source>Item entry</source>
        <translation>إدخال الصنف</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="234"/>
        <source>Redeem points</source>
        <translation>استبدال النقاط</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="234"/>
        <source>Sync now</source>
        <translation>مزامنة الآن</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="234"/>
        <source>Order history</source>
        <translation>سجل الطلبات</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="235"/>
        <source>Free line</source>
        <translation>سطر حر</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="235"/>
        <source>Add the customer to Gameball</source>
        <translation>إضافة العميل إلى Gameball</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="236"/>
        <source>Basket (Del removes, + and - change the quantity)</source>
        <translation>السلة (Del للحذف، و+ و- لتغيير الكمية)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="236"/>
        <source>Pay</source>
        <translation>الدفع</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="237"/>
        <source>Return an order</source>
        <translation>إرجاع طلب</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="238"/>
        <source>Manager mode (PIN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="239"/>
        <source>Cancel sale (press twice)</source>
        <translation>إلغاء البيع (اضغط مرتين)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/main_window.py" line="348"/>
        <source>Press Esc again to cancel this sale.</source>
        <translation>اضغط Esc مرة أخرى لإلغاء هذا البيع.</translation>
    </message>
</context>
<context>
    <name>PreviewWidget</name>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="55"/>
        <source>Subtotal</source>
        <translation>المجموع</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="56"/>
        <source>Points redeemed</source>
        <translation>النقاط المستبدلة</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="57"/>
        <source>To pay</source>
        <translation>المطلوب</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="58"/>
        <source>Points this sale earns</source>
        <translation>نقاط هذا البيع</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="61"/>
        <source>none (F4)</source>
        <translation>لا يوجد (F4)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="63"/>
        <source>{points} pts = -{value}</source>
        <translation>{points} نقطة = ⁦-⁩{value}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="69"/>
        <source>Add items to see the points.</source>
        <translation>أضف أصنافًا لترى النقاط.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="74"/>
        <source>Live from Gameball</source>
        <translation>مباشر من Gameball</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="80"/>
        <source>Estimate; asking Gameball...</source>
        <translation>تقدير؛ جارٍ سؤال Gameball...</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="83"/>
        <source>Estimate: Gameball did not answer in time</source>
        <translation>تقدير: لم يرد Gameball في الوقت المحدد</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/preview_widget.py" line="86"/>
        <source>Estimate (offline): the points are confirmed when the sale syncs</source>
        <translation>تقدير (غير متصل): تُؤكَّد النقاط عند مزامنة البيع</translation>
    </message>
</context>
<context>
    <name>RedeemDialog</name>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="36"/>
        <source>Redeem points</source>
        <translation>استبدال النقاط</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="55"/>
        <source>Available: {points} points ({value})</source>
        <translation>المتاح: {points} نقطة ({value})</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="57"/>
        <source>1 point = {value}</source>
        <translation>النقطة الواحدة = {value}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="58"/>
        <source>This sale: {least} to {most} points</source>
        <translation>هذا البيع: من {least} إلى {most} نقطة</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="62"/>
        <source>Points</source>
        <translation>النقاط</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="62"/>
        <source>Amount ({currency})</source>
        <translation>مبلغ ({currency})</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="71"/>
        <source>Redeem</source>
        <translation>استبدال</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="72"/>
        <source>How much</source>
        <translation>الكمية</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="76"/>
        <source>Hold points (Enter)</source>
        <translation>حجز النقاط (Enter)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="80"/>
        <source>Remove redemption (Del)</source>
        <translation>إزالة الاستبدال (Del)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="118"/>
        <source>Enter a number.</source>
        <translation>أدخل رقمًا.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="120"/>
        <source>Enter a number above 0.</source>
        <translation>أدخل رقمًا أكبر من 0.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="123"/>
        <source>Points are whole numbers.</source>
        <translation>النقاط أعداد صحيحة.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="129"/>
        <source>Choose from {least} to {most} points.</source>
        <translation>اختر من {least} إلى {most} نقطة.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="139"/>
        <source>= {value} off</source>
        <translation>= خصم {value}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/redeem_dialog.py" line="142"/>
        <source>= {points} points</source>
        <translation>= {points} نقطة</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="78"/>
        <location filename="../../pos_app/ui/return_dialog.py" line="113"/>
        <source>Return</source>
        <translation>إرجاع</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="82"/>
        <source>Scan or type the order ID</source>
        <translation>امسح رقم الطلب أو اكتبه</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="84"/>
        <source>&amp;Order</source>
        <translation>الطلب</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="86"/>
        <source>Find</source>
        <translation>بحث</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="93"/>
        <source>Customer</source>
        <translation>العميل</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="93"/>
        <source>Sold</source>
        <translation>تاريخ البيع</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="93"/>
        <source>Paid</source>
        <translation>المدفوع</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="94"/>
        <source>Points earned</source>
        <translation>النقاط المكتسبة</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="94"/>
        <source>Left to refund</source>
        <translation>المتبقي للاسترداد</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="95"/>
        <source>Points redeemed</source>
        <translation>النقاط المستبدلة</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="112"/>
        <source>Item</source>
        <translation>الصنف</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="112"/>
        <source>Price</source>
        <translation>السعر</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="112"/>
        <source>Bought</source>
        <translation>المشترى</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="113"/>
        <source>Returned</source>
        <translation>المُرجَع سابقًا</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="120"/>
        <source>Everything left ({key})</source>
        <translation>كل المتبقي ({key})</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="130"/>
        <source>Points given back (estimate)</source>
        <translation>النقاط المُعادة للعميل (تقدير)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="132"/>
        <source>Refund</source>
        <translation>المبلغ المسترد</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="133"/>
        <source>Points taken back (estimate)</source>
        <translation>النقاط المسحوبة (تقدير)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="140"/>
        <source>Confirm return ({key})</source>
        <translation>تأكيد الإرجاع ({key})</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="200"/>
        <source>No order {order} on this till.</source>
        <translation>لا يوجد طلب {order} على هذا الجهاز.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="224"/>
        <source>≈{points} (pending sync)</source>
        <translation>≈{points} (بانتظار المزامنة)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="272"/>
        <source>Everything on this order has been returned.</source>
        <translation>أُرجع كل ما في هذا الطلب.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="274"/>
        <source>Gameball never accepted this order (it is in the failed list). A return is saved but not sent until a manager retries the order.</source>
        <translation>لم يقبل Gameball هذا الطلب (إنه في قائمة الطلبات الفاشلة). يُحفظ الإرجاع ولا يُرسل حتى يعيد المدير محاولة الطلب.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="277"/>
        <source>This order was saved without its items, so it can only be returned whole.</source>
        <translation>حُفظ هذا الطلب بدون أصنافه، لذا لا يمكن إرجاعه إلا بالكامل.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="279"/>
        <source>This order is still waiting to be sent; the return follows it to Gameball.</source>
        <translation>هذا الطلب ما زال بانتظار الإرسال؛ يُرسل الإرجاع إلى Gameball بعده.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="309"/>
        <source>Nothing was paid in money for these items: return everything left instead.</source>
        <translation>لم يُدفع مال مقابل هذه الأصناف: أرجع كل المتبقي بدلًا من ذلك.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="340"/>
        <source>Saving the return...</source>
        <translation>جارٍ حفظ الإرجاع...</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="350"/>
        <source>Return {refund} saved, but it cannot be sent: order {order} is in the failed list. It follows the order when a manager retries it.</source>
        <translation>حُفظ الإرجاع {refund}، لكن لا يمكن إرساله: الطلب {order} في قائمة الطلبات الفاشلة. يُرسل بعد الطلب عندما يعيد المدير محاولته.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="354"/>
        <source>Return {refund} saved: {amount}. It is sent to Gameball after order {order}, which is still waiting.</source>
        <translation>حُفظ الإرجاع {refund}: {amount}. يُرسل إلى Gameball بعد الطلب {order} الذي ما زال بانتظار الإرسال.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="359"/>
        <source>Return {refund} saved: {amount}. It is sent to Gameball now.</source>
        <translation>حُفظ الإرجاع {refund}: {amount}. يُرسل إلى Gameball الآن.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="369"/>
        <source>Not saved: more than the {left} left to refund on order {order}.</source>
        <translation>لم يُحفظ: أكثر من {left} المتبقية للاسترداد في الطلب {order}.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="373"/>
        <source>Not saved: {reason}</source>
        <translation>لم يُحفظ: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/return_dialog.py" line="379"/>
        <source>Something went wrong; the details are in the log.</source>
        <translation>حدث خطأ؛ التفاصيل في السجل.</translation>
    </message>
</context>
<context>
    <name>SaleController</name>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="195"/>
        <source>The host POS completed order {order}.</source>
        <translation>أكمل نظام نقطة البيع الطلب {order}.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="223"/>
        <source>Enter the customer&apos;s phone number first (F2).</source>
        <translation>أدخل رقم هاتف العميل أولًا (F2).</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="226"/>
        <source>Creating a customer needs Gameball, and the till is offline. The sale can go on: Gameball adds the customer with the order.</source>
        <translation>إنشاء عميل يحتاج إلى Gameball، والجهاز غير متصل. يمكن متابعة البيع: يضيف Gameball العميل مع الطلب.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="239"/>
        <source>New customer: press F8 to add them to Gameball, or go on with the sale (the order adds them).</source>
        <translation>عميل جديد: اضغط F8 لإضافته إلى Gameball، أو تابع البيع (يضيفه الطلب).</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="256"/>
        <source>No product with code {code}. Press F7 for a free line.</source>
        <translation>لا يوجد منتج بالرمز {code}. اضغط F7 لسطر حر.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="338"/>
        <source>Identify the customer first (F2).</source>
        <translation>حدّد العميل أولًا (F2).</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="340"/>
        <source>Redeeming needs Gameball, and the till is offline. Go on without redeeming, or wait until it is back online.</source>
        <translation>الاستبدال يحتاج إلى Gameball، والجهاز غير متصل. تابع بدون استبدال، أو انتظر عودة الاتصال.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="343"/>
        <source>Add items before redeeming.</source>
        <translation>أضف أصنافًا قبل الاستبدال.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="355"/>
        <source>Holding points at Gameball...</source>
        <translation>جارٍ حجز النقاط لدى Gameball...</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="366"/>
        <source>{points} points held: {value} off this sale.</source>
        <translation>حُجزت {points} نقطة: خصم {value} من هذا البيع.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="382"/>
        <source>The held points go back when Gameball is reachable again (or when the hold expires).</source>
        <translation>تعود النقاط المحجوزة عند عودة الاتصال بـ Gameball (أو عند انتهاء الحجز).</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="395"/>
        <source>Paying...</source>
        <translation>جارٍ الدفع...</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="397"/>
        <source>The basket is empty.</source>
        <translation>السلة فارغة.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="399"/>
        <source>Identify the customer first (F2): there is nothing to send to Gameball without one.</source>
        <translation>حدّد العميل أولًا (F2): لا يوجد ما يُرسل إلى Gameball بدونه.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="401"/>
        <source>The points redeemed are worth more than the basket. Change the redemption (F4).</source>
        <translation>قيمة النقاط المستبدلة أكبر من السلة. غيّر الاستبدال (F4).</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="403"/>
        <source>The till went offline, so the redemption cannot be completed. Remove it (F4) to pay without redeeming.</source>
        <translation>انقطع اتصال الجهاز، لذا لا يمكن إتمام الاستبدال. أزله (F4) للدفع بدون استبدال.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="432"/>
        <source>Sale saved as order {order}.</source>
        <translation>تم حفظ البيع بالطلب {order}.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="437"/>
        <source>The sale was not saved: {reason}</source>
        <translation>لم يُحفظ البيع: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="445"/>
        <source>Sale cancelled.</source>
        <translation>تم إلغاء البيع.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="458"/>
        <source>Syncing with Gameball...</source>
        <translation>جارٍ المزامنة مع Gameball...</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="519"/>
        <source>Not a valid phone number for this store ({region}), QR code or customer ID.</source>
        <translation>ليس رقم هاتف صالحًا لهذا المتجر ({region})، ولا رمز QR، ولا معرّف عميل.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="521"/>
        <source>{field}: {reason}</source>
        <translation>{field}: {reason}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="527"/>
        <source>Gameball is not reachable. Sales go on and are sent later; redeeming and new customers wait until it is back.</source>
        <translation>لا يمكن الوصول إلى Gameball. يستمر البيع ويُرسل لاحقًا؛ أما الاستبدال والعملاء الجدد فينتظرون عودة الاتصال.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="531"/>
        <source>Not enough points: {message}</source>
        <translation>النقاط غير كافية: {message}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="533"/>
        <source>Outside the redemption limits: {message}</source>
        <translation>خارج حدود الاستبدال: {message}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="534"/>
        <source>Gameball refused: {message}</source>
        <translation>رفض Gameball: {message}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/sale.py" line="538"/>
        <source>Something went wrong; the details are in the log.</source>
        <translation>حدث خطأ؛ التفاصيل في السجل.</translation>
    </message>
</context>
<context>
    <name>SlipDialog</name>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="30"/>
        <location filename="../../pos_app/ui/slip_dialog.py" line="31"/>
        <source>Loyalty slip</source>
        <translation>إيصال الولاء</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="50"/>
        <source>Order {order}: saved.</source>
        <translation>الطلب {order}: تم الحفظ.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="58"/>
        <source>Sent to Gameball.</source>
        <translation>أُرسل إلى Gameball.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="61"/>
        <source>Gameball refused this order; a manager will see it in the failed list.</source>
        <translation>رفض Gameball هذا الطلب؛ سيراه المدير في قائمة الطلبات الفاشلة.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="64"/>
        <source>Saved on this till; it is sent to Gameball as soon as it can be.</source>
        <translation>محفوظ على هذا الجهاز؛ يُرسل إلى Gameball في أقرب وقت ممكن.</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="71"/>
        <source>Order {order}</source>
        <translation>الطلب {order}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="72"/>
        <source>Paid {amount} {currency}</source>
        <translation>المدفوع {amount} {currency}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="76"/>
        <source>Points earned: {points}</source>
        <translation>النقاط المكتسبة: {points}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="78"/>
        <source>Points: pending sync (expected {points})</source>
        <translation>النقاط: بانتظار المزامنة (المتوقع {points})</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="81"/>
        <source>Points redeemed: {points}</source>
        <translation>النقاط المستبدلة: {points}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/slip_dialog.py" line="83"/>
        <source>New balance: {points} points</source>
        <translation>الرصيد الجديد: {points} نقطة</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="109"/>
        <source>Online</source>
        <translation>متصل</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="110"/>
        <source>Online, sending</source>
        <translation>متصل، جارٍ الإرسال</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="111"/>
        <source>Connection not confirmed</source>
        <translation>الاتصال غير مؤكد</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="112"/>
        <source>Offline: sales are kept and sent later</source>
        <translation>غير متصل: تُحفظ المبيعات وتُرسل لاحقًا</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="113"/>
        <source>Paused: Gameball asked to wait</source>
        <translation>متوقف مؤقتًا: طلب Gameball الانتظار</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="114"/>
        <source>Stopped: Gameball refused the API keys; call a manager</source>
        <translation>متوقف: رفض Gameball مفاتيح الربط؛ اتصل بالمدير</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="115"/>
        <source>Not set up: no Gameball API key; call a manager</source>
        <translation>غير مُعد: لا يوجد مفتاح Gameball؛ اتصل بالمدير</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="116"/>
        <source>Not sending: another pos-app sends for this till</source>
        <translation>لا يتم الإرسال: نسخة أخرى من pos-app ترسل لهذا الجهاز</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="126"/>
        <source>Waiting: {count}</source>
        <translation>بالانتظار: {count}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="127"/>
        <source>Failed: {count}</source>
        <translation>فشل: {count}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="130"/>
        <source>Last sync: never</source>
        <translation>آخر مزامنة: لم تتم</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="133"/>
        <source>Last sync: {time}</source>
        <translation>آخر مزامنة: {time}</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="134"/>
        <source>Sync now (F5)</source>
        <translation>مزامنة الآن (F5)</translation>
    </message>
    <message>
        <location filename="../../pos_app/ui/status_bar.py" line="135"/>
        <source>History (F6)</source>
        <translation>السجل (F6)</translation>
    </message>
</context>
</TS>
