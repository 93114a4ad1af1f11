import { describeExercise } from '../../support/exercises.ts';

// In the unit stage's namespace no lookup succeeds: the starter's XDP_PASS for everything is right there,
// and only the live stage shows that nothing was forwarded by XDP.
describeExercise('fib-forward', { status: 'fail', details: ['live-ipv4-forwarded', 'live-ipv6-forwarded'] });
