import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// Testing Library unmounts after each test only when test globals are on; they are off here.
afterEach(cleanup);

// Other test suites share this machine's two cores: give findBy/waitFor room under load.
configure({ asyncUtilTimeout: 3000 });
