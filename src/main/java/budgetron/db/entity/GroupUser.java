package budgetron.db.entity;

import budgetron.db.annotations.PrimaryKeyName;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.ForeignKey;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapsId;
import jakarta.persistence.Table;
import org.hibernate.annotations.OnDelete;
import org.hibernate.annotations.OnDeleteAction;

import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** Membership of a user in a group; the primary key is the pair (groups_users_group_id_user_id_pk). */
@Entity
@Table(name = "groups_users")
@PrimaryKeyName("groups_users_group_id_user_id_pk")
public class GroupUser extends Timestamped {
    @EmbeddedId
    private Key id = new Key();

    @MapsId("groupId")
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "group_id", nullable = false, foreignKey = @ForeignKey(name = "groups_users_group_id_groups_id_fk"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private Group group;

    @MapsId("userId")
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, foreignKey = @ForeignKey(name = "groups_users_user_id_users_id_fk"))
    @OnDelete(action = OnDeleteAction.CASCADE)
    private User user;

    protected GroupUser() {
    }

    public GroupUser(Group group, User user) {
        this.group = group;
        this.user = user;
    }

    public Key getId() { return id; }
    public Group getGroup() { return group; }
    public User getUser() { return user; }

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "group_id", nullable = false, columnDefinition = "uuid")
        private UUID groupId;

        @Column(name = "user_id", nullable = false, columnDefinition = "uuid")
        private UUID userId;

        public UUID getGroupId() { return groupId; }
        public UUID getUserId() { return userId; }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(groupId, k.groupId) && Objects.equals(userId, k.userId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(groupId, userId);
        }
    }
}
