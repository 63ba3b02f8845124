import { Notification } from 'electron';
import type { StackList } from '../../shared/stacks';
import {
  EMPTY_NOTIFIER_MEMORY,
  notificationsFor,
  serviceStatusesFrom,
  type ServiceNotice,
} from './notifications-for';

/**
 * Desktop notifications for services that crash or turn unhealthy. Returns the function to call
 * with each new stack list (after engine events); `projects` limits them to Parity's projects.
 */
export function setupNotifications(
  onClick: (notice: ServiceNotice) => void,
  projects: () => ReadonlySet<string>,
): (list: StackList) => void {
  let memory = EMPTY_NOTIFIER_MEMORY;
  // Held until closed: a notification collected early loses its click handler on some platforms.
  const shown = new Set<Notification>();
  return (list) => {
    const result = notificationsFor(memory, serviceStatusesFrom(list, projects()), Date.now());
    memory = result.memory;
    if (!Notification.isSupported()) return;
    for (const notice of result.notices) {
      const notification = new Notification({ title: notice.title, body: notice.body });
      shown.add(notification);
      notification.on('click', () => onClick(notice));
      notification.on('close', () => shown.delete(notification));
      notification.show();
    }
  };
}
