import { describeExercise } from '../../support/exercises.ts';

describeExercise('parse-drop', { status: 'fail', details: ['replies-dropped', 'ipv4-options-honoured'] });
