/** The simulator against Jackson-network theory: tandem and feedback routing, and an overloaded queue. */
import { validateCases } from './harness.js';

validateCases(['tandem', 'feedback', 'overload']);
