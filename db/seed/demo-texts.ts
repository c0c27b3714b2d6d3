/** Word banks for the demo workspace: realistic Arabic and English customers and conversations. */
export const ARABIC_FIRST_NAMES = [
  'محمد', 'أحمد', 'عبدالله', 'خالد', 'فيصل', 'سلطان', 'ياسر', 'إبراهيم', 'يوسف', 'عمر', 'طارق', 'ماجد', 'نواف', 'بندر',
  'فاطمة', 'نورة', 'سارة', 'ريم', 'هيفاء', 'أمل', 'لمى', 'جود', 'منيرة', 'أسماء', 'هدى', 'رهف', 'دانة', 'آمنة', 'إيمان', 'عائشة',
];
export const ARABIC_LAST_NAMES = [
  'العتيبي', 'القحطاني', 'الشمري', 'الدوسري', 'الحربي', 'الزهراني', 'الغامدي', 'المطيري', 'السبيعي', 'الأحمدي', 'المالكي',
  'العنزي', 'الشهري', 'الخطيب', 'حداد', 'منصور', 'النجار', 'إسماعيل', 'عبدالرحمن', 'الفارس',
];
export const ENGLISH_FIRST_NAMES = [
  'James', 'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Lucas', 'Mia', 'Ethan', 'Sophia', 'Daniel', 'Chloé', 'Zoë', 'André',
  'Hannah', 'Ryan', 'Grace', 'Adam', 'Nora', 'Sebastián', 'Isabel', 'Omar', 'Leila', 'Sam',
];
export const ENGLISH_LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'García', 'Miller', 'Davis', 'Martínez', 'Taylor', 'Thomas', 'Moore', 'Clarke',
  'Walker', 'Young', 'Müller', 'Hughes', "O'Brien", 'Nguyen', 'Patel', 'Khan',
];
export const COMPANIES = ['Al Noor Trading', 'Desert Rose Cafe', 'Gulf Logistics', 'Bright Smile Clinic', 'Oasis Electronics', 'Najd Motors'];
export const TAGS = ['vip', 'new-customer', 'complaint', 'wholesale', 'follow-up', 'returns', 'prospect'];

export const ARABIC_INBOUND = [
  'السلام عليكم، متى يوصل طلبي؟',
  'هل المنتج متوفر باللون الأسود؟',
  'أبغى أرجع الطلب رقم 4521 لو سمحت',
  'كم سعر التوصيل إلى جدة؟',
  'شكراً جزيلاً على المساعدة 🙏',
  'الطلب وصل ناقص قطعة',
  'ممكن أعرف أوقات الدوام؟',
  'أرسلت لكم صورة الفاتورة',
  'هل عندكم فرع في الرياض؟',
  'تم الدفع، أرجو التأكيد',
  'المنتج ما يشتغل، وش الحل؟',
  'أبغى أغير العنوان إلى حي النرجس',
];
export const ENGLISH_INBOUND = [
  'Hi, where is my order? It was due yesterday.',
  'Do you ship to Dubai?',
  'I would like to return order #A-1187.',
  'Can I change the delivery address?',
  'Thanks, that solved it!',
  'The package arrived damaged.',
  'Is the blue one back in stock?',
  'What are your opening hours on Friday?',
  'I paid twice by mistake, can you refund one?',
  'Can someone call me back please?',
  'My discount code SUMMER20 is not working',
  'Is there a warranty on this model?',
];
export const ARABIC_OUTBOUND = [
  'وعليكم السلام، أهلاً بك! دعني أتحقق من طلبك.',
  'طلبك في الطريق وسيصل خلال يومين.',
  'تم تحديث العنوان بنجاح ✅',
  'نعتذر عن الإزعاج، سنرسل القطعة الناقصة اليوم.',
  'نعم متوفر، هل ترغب بإتمام الطلب؟',
  'تم استلام الدفع، شكراً لك.',
];
export const ENGLISH_OUTBOUND = [
  'Hi! Let me check that for you.',
  'Your order is on its way and should arrive in two days.',
  'Done, the address is updated.',
  "Sorry about that, we'll send a replacement today.",
  'Yes, it is back in stock. Shall I reserve one for you?',
  'Refund issued; it can take 3–5 business days to show.',
];
export const NOTES = ['Customer is a repeat buyer, be generous.', 'Escalated to warehouse, waiting for reply.', 'اتصلت بالعميل ولم يرد'];
