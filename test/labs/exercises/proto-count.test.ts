import { describeExercise } from '../../support/exercises.ts';

describeExercise('proto-count', { status: 'fail', details: ['tcp-counted', 'udp-counted', 'icmp-counted', 'icmpv6-counted', 'other-counted'] });
