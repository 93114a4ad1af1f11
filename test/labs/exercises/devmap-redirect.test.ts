import { describeExercise } from '../../support/exercises.ts';

describeExercise('devmap-redirect', { status: 'fail', details: ['mapped-redirected'] });
