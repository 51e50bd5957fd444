package budgetron.db.corpus.workflow;

public enum Priority { LOW, MEDIUM, HIGH, URGENT }
