import { InboxScreen } from '@/components/inbox/inbox-screen';

export default function InboxPage() {
  return <InboxScreen />;
}
