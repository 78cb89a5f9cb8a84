/**
 * The commented starter scenario written by `carepath init`: small, valid, with two variants,
 * and a comment on every field a new user needs.
 * @module
 */

/** Text of the starter scenario (YAML). */
export const STARTER_SCENARIO = `# carepath scenario, format version 1: a starter to edit.
# Check it:   npx carepath validate FILE
# Run it:     npx carepath run FILE        (writes carepath-out/<name>/report.html)
# Durations: bare numbers are days; strings may carry a unit: "15min", "36h", "3d", "6w", "1y".
# Editor help: the first line points editors with the YAML language server (e.g. VS Code's YAML
#   extension) at carepath's JSON Schema, so they complete and check fields as you type.
version: 1
name: My pathway
description: >
  Referrals are seen in clinic; some need a scan; patients whose scan finds the condition go on
  to treatment. Replace the numbers with your service's.
startDate: 2026-01-05   # day 0 (a Monday); weekday capacity and the report's dates follow it
warmup: 0               # days simulated before measuring; 0 starts from today's lists (initial)
horizon: 52w            # how long to measure
seed: 1                 # master seed: the same seed gives the same numbers
sampleEvery: 7          # days between points of the waiting-list charts

arrivals:               # streams of new patients (Poisson: random, at an average rate)
  referrals:
    to: clinic                      # the stage they join first
    rate: { perWeek: 200 }          # also perDay, perMonth, perYear
    conditions: { cancer: 0.05 }    # share of these patients who truly have the condition

initial:                # patients already waiting at day 0; their clocks started in the past
  clinic:
    count: 150
    waited: { dist: uniform, min: 0, max: 28 }   # days already waited, per patient

stages:                 # each stage: capacity, how long a patient takes, and where they go next
  clinic:
    capacity: { servers: 3 }                     # three clinicians seeing patients in parallel
    service: { dist: exponential, mean: 0.07 }   # days a clinician spends per patient, on average
    next:                                        # branches are tried in order
      - { to: scan, p: 0.4 }                     # 40% are sent for a scan
      - { to: exit }                             # the rest leave the pathway
  scan:
    # Appointment slots: 70 a week spread over the listed days; a slot nobody takes is lost.
    # About 80 patients a week need a scan, so this list grows: see what the variants change.
    capacity: { slots: 70, per: week, days: [mon, tue, wed, thu, fri] }
    test: { detects: cancer, sensitivity: 0.9, specificity: 0.95 }   # the scan is a diagnostic test
    next:
      - { if: positive, to: treatment }
      - { to: exit }
  treatment:
    capacity: { slots: 7, per: week, days: [mon, wed, fri] }
    # no next: patients leave the pathway after treatment

targets:                # waiting-time standards, reported as the share of patients within time
  diagnosis-28d:
    description: Diagnosed or ruled out within 28 days of referral
    until: [scan.end, exit]         # the first of these events stops the clock
    within: 28d
    goal: 0.80
  treatment-62d:
    description: Treated within 62 days of referral
    until: [treatment.start]
    within: 62d
    goal: 0.85

variants:               # what-ifs: each patch changes only what it lists
  more-scans:
    description: 90 scan slots a week instead of 70; treatment unchanged.
    patch:
      stages:
        scan: { capacity: { slots: 90 } }
  more-scans-and-treatment:
    description: More scans, and two more treatment slots a week (9 instead of 7).
    extends: more-scans             # apply that variant first
    patch:
      stages:
        treatment: { capacity: { slots: 9 } }
`;
