"""The dashboard (驾驶舱): its figures and what a goal counts."""
