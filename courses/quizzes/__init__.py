"""Native quizzes: a Quiz snippet placed in lesson bodies, graded on the server, every attempt kept."""
