import { ProfileScreen } from '@/components/profile/profile-screen';

export const dynamic = 'force-dynamic';

/** Everyone's own profile: name, password, language, notification preferences. */
export default function ProfilePage() {
  return <ProfileScreen />;
}
