import { FileSettingsStore } from '../../../src/main/settings/file-settings-store';
import { describeSettingsStore } from './store-contract';

describeSettingsStore('FileSettingsStore', (path, report) => new FileSettingsStore(path, report));
