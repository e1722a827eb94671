/** The metric shapes live in src/shared so the contract and the renderer use the same ones. */
export * from '../../../shared/metrics-types';
