import { describeExercise } from '../../support/exercises.ts';

describeExercise('icmp-echo', { status: 'fail', details: ['ipv4-answered', 'ipv6-answered'] });
