import { describeExercise } from '../../support/exercises.ts';

describeExercise('syn-guard', { status: 'fail', details: ['excess-syns-dropped', 'syns-counted'] });
