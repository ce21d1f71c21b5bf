"""Reports the system makes by itself: periods, figures, rankings, workflow inputs."""
