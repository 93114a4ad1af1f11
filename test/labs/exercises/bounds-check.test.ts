import { describeExercise } from '../../support/exercises.ts';

describeExercise('bounds-check', { status: 'error', details: ['load', 'packet-bounds'] });
